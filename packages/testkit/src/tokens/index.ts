export * from "./unsigned-jwt.ts";
