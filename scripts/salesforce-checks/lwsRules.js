// The Lightning Web Security lint rules as one flat-config block for the LWC's JavaScript (not their Jest tests):
// every rule of @locker/eslint-config-locker's base and recommended lists (the configuration Salesforce's "Install
// ESLint Rules for Lightning Web Security" points to), each as an error. eslint.config.js includes it, so editors and
// `npm run lint` show the rules, and `npm run check:salesforce` runs it alone as its LWS check.
const lockerPlugin = require('@locker/eslint-plugin-locker');
const lockerBase = require('@locker/eslint-config-locker/base');
const lockerRecommended = require('@locker/eslint-config-locker/recommended');

const rules = Object.fromEntries(
  Object.keys({ ...lockerBase.rules, ...lockerRecommended.rules }).map((name) => [name, 'error']),
);

module.exports = {
  name: 'lightning-web-security',
  files: ['force-app/**/lwc/**/*.js'],
  ignores: ['**/__tests__/**'],
  plugins: { '@locker/locker': lockerPlugin },
  rules,
};
