// Prettier, set to the style the code was written in before it was adopted: double quotes, semicolons, trailing commas,
// two-space indent, parentheses around every arrow parameter. Most of these are Prettier's defaults; they are written
// out so that a change of default in a later Prettier does not reformat the repository.
// printWidth: comments are wrapped at 120 by hand (Prettier leaves them alone); code lines ran longer — 95 % within 135
// characters, 99 % within 188. At 160, 97 % of code lines already fit and Prettier only breaks the longer ones: it
// joins almost no line the authors broke (15 places, against 30 at 180 and 67 at 200).
/** @type {import("prettier").Config} */
const config = {
  printWidth: 160,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: false,
  jsxSingleQuote: false,
  quoteProps: "as-needed",
  trailingComma: "all",
  bracketSpacing: true,
  bracketSameLine: false,
  arrowParens: "always",
  endOfLine: "lf",
};

export default config;
