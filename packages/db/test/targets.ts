// The testkit depends on @sous/db, so @sous/db cannot list it as a dependency (turbo refuses cyclic package
// graphs); its tests reach the same fixtures through the source path instead.
// eslint-disable-next-line import-x/no-relative-packages -- the one cross-package path, for the cycle above
export { databaseTargets } from "../../testkit/src/database.js";
