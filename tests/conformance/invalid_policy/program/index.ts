// Follows pulumi-policy tests/integration/invalid_policy (upstream commit 805bcbc): the program
// registers nothing; only the pack is under test.
export {};
