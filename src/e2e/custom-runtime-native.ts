// Custom runtimes in compiled languages for the custom-runtime tests: a Runtime API client
// over plain sockets in C and in Rust (std only, no crates), one HTTP/1.1 request per
// connection. Event {"action":"fail"} posts /error; anything else is echoed in the response.

/** One request per connection (Connection: close), the response read to EOF. */
export const C_BOOTSTRAP = String.raw`#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static char host[64];
static int port;

static void put(int fd, const char *p, size_t n) {
  while (n > 0) { ssize_t w = write(fd, p, n); if (w <= 0) exit(2); p += w; n -= (size_t)w; }
}

/* Returns the status; *body gets the body (malloc'd, NUL-terminated), id the request id header. */
static int http(const char *method, const char *path, const char *extra, const char *body, char **out, char *id) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  inet_pton(AF_INET, host, &a.sin_addr);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { perror("connect"); exit(1); }
  char head[1024];
  size_t blen = body ? strlen(body) : 0;
  int n = snprintf(head, sizeof head, "%s %s HTTP/1.1\r\nHost: %s:%d\r\nConnection: close\r\n"
    "Content-Type: application/json\r\nContent-Length: %zu\r\n%s\r\n", method, path, host, port, blen, extra ? extra : "");
  put(fd, head, (size_t)n);
  if (blen) put(fd, body, blen);
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (len + 1024 > cap) buf = realloc(buf, cap *= 2);
    ssize_t r = read(fd, buf + len, cap - len - 1);
    if (r <= 0) break;
    len += (size_t)r;
  }
  close(fd);
  buf[len] = 0;
  int status = 0;
  sscanf(buf, "HTTP/1.1 %d", &status);
  char *end = strstr(buf, "\r\n\r\n");
  if (id) {
    id[0] = 0;
    for (char *line = buf; line && line < end; line = strstr(line, "\r\n") + 2) {
      if (strncasecmp(line, "Lambda-Runtime-Aws-Request-Id: ", 31) == 0) sscanf(line + 31, "%127[^\r]", id);
    }
  }
  if (out) *out = strdup(end ? end + 4 : "");
  free(buf);
  return status;
}

int main(void) {
  const char *api = getenv("AWS_LAMBDA_RUNTIME_API");
  if (!api || sscanf(api, "%63[^:]:%d", host, &port) != 2) { fprintf(stderr, "no AWS_LAMBDA_RUNTIME_API\n"); return 1; }
  printf("init: c runtime\n");
  fflush(stdout);
  for (;;) {
    char id[128], path[256], *event;
    if (http("GET", "/2018-06-01/runtime/invocation/next", NULL, NULL, &event, id) != 200) return 1;
    if (strstr(event, "\"fail\"")) {
      snprintf(path, sizeof path, "/2018-06-01/runtime/invocation/%s/error", id);
      http("POST", path, "Lambda-Runtime-Function-Error-Type: ArithmeticError\r\n",
        "{\"errorMessage\":\"division by zero\",\"errorType\":\"ArithmeticError\",\"stackTrace\":[\"main.c:1\"]}", NULL, NULL);
    } else {
      snprintf(path, sizeof path, "/2018-06-01/runtime/invocation/%s/response", id);
      size_t n = strlen(event) + strlen(id) + 64;
      char *res = malloc(n);
      snprintf(res, n, "{\"lang\":\"c\",\"requestId\":\"%s\",\"event\":%s}", id, event);
      int st = http("POST", path, NULL, res, NULL, NULL);
      printf("posted response: %d\n", st);
      fflush(stdout);
      free(res);
    }
    free(event);
  }
}
`;

/** The same runtime in Rust, std only: one connection per request, read to EOF. */
export const RUST_BOOTSTRAP = String.raw`use std::io::{Read, Write};
use std::net::TcpStream;

fn http(api: &str, method: &str, path: &str, extra: &str, body: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(api).expect("connect");
    let req = format!("{} {} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n{}\r\n{}",
        method, path, api, body.len(), extra, body);
    s.write_all(req.as_bytes()).expect("write");
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("read");
    let (head, rest) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let id = head.lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("lambda-runtime-aws-request-id")))
        .map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    (status, id, rest.to_string())
}

fn main() {
    let api = std::env::var("AWS_LAMBDA_RUNTIME_API").expect("AWS_LAMBDA_RUNTIME_API");
    println!("init: rust runtime");
    loop {
        let (status, id, event) = http(&api, "GET", "/2018-06-01/runtime/invocation/next", "", "");
        if status != 200 { std::process::exit(1); }
        if event.contains("\"fail\"") {
            http(&api, "POST", &format!("/2018-06-01/runtime/invocation/{}/error", id),
                "Lambda-Runtime-Function-Error-Type: Rust.Panic\r\n",
                "{\"errorMessage\":\"called unwrap() on a None value\",\"errorType\":\"Rust.Panic\"}");
        } else {
            let body = format!("{{\"lang\":\"rust\",\"requestId\":\"{}\",\"event\":{}}}", id, event);
            http(&api, "POST", &format!("/2018-06-01/runtime/invocation/{}/response", id), "", &body);
        }
    }
}
`;
