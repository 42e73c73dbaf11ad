// Lint: typescript-eslint's type-checked rules over the program, the pack, the tools and the
// tests, plus Pulumi's own plugin (an Output in a template literal is a bug). Formatting is
// prettier's job (.prettierrc.json); eslint-config-prettier is not needed because none of the
// configs below enables a formatting rule.
import js from "@eslint/js";
import pulumi from "@pulumi/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
    {
        ignores: [
            "dist/**",
            "node_modules/**",
            ".scratch/**",
            "policies/node_modules/**",
            "examples/**/node_modules/**",
            "tests/conformance/**/node_modules/**",
            // ES module packages with their own tsconfig, loaded by ts-node's ESM hooks (one on purpose does not type-check).
            "tests/fixtures/projects/esm-typescript*/**",
            "**/*.js",
            "**/*.mjs",
        ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            // Policies, the harness and the check read resource properties and wire values that
            // have no static type (whatever a program registered); `any` is their honest type
            // there, and the no-unsafe-* family would only add casts that check nothing.
            "@typescript-eslint/no-explicit-any": "off",
            "@typescript-eslint/no-unsafe-member-access": "off",
            "@typescript-eslint/no-unsafe-assignment": "off",
            "@typescript-eslint/no-unsafe-call": "off",
            "@typescript-eslint/no-unsafe-argument": "off",
            "@typescript-eslint/no-unsafe-return": "off",
            // Async methods that implement a Promise-returning interface (dynamic providers, test
            // fakes) need no await; forgotten awaits are no-floating-promises' job.
            "@typescript-eslint/require-await": "off",
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
);
