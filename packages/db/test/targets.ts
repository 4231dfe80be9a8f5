// The testkit depends on @sous/db, so @sous/db cannot list it as a dependency (turbo refuses cyclic package
// graphs); its tests reach the same fixtures through the source path instead.
export { databaseTargets } from "../../testkit/src/database.js";
