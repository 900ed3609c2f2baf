# Nimbus's Python runtime interface client: the Lambda Runtime API loop, the handler
# contract, the context object, error shapes and log format of AWS's awslambdaric.
