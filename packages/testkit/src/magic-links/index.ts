/** Magic links without the api: trigger deps with a movable clock, and links issued as the api issues them. */
export * from "./issue-link.ts";
export * from "./test-deps.ts";
