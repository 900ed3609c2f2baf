// The module a stem cell loads as if it were a function's handler while it warms up (warm-up.ts).
export const handler = async (event: unknown): Promise<unknown> => ({ event });
