/** Running strategies: activation rules, the run manager and its repository wiring. */
export { checkActivation, qualifyingGrade, type ActivationFacts, type GradedResult } from './activation.js';
export { createRunManager, type GauntletVerdict, type RunManager, type RunManagerDeps } from './run-manager.js';
