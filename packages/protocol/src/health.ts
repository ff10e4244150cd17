/** The body of GET /health. */
export interface Health {
  status: "ok";
}
