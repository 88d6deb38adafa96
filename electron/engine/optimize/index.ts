/** Parameter sweeps and walk-forward optimisation: the public API (see each module). */
export { SetEvaluator, type EvalWindow, type SetResult } from './evaluate.js';
export {
  bestSet,
  constraintFailure,
  objectiveValue,
  OBJECTIVES,
  rankSets,
  type Constraints,
  type Objective,
  type RankedSet,
} from './objectives.js';
export { deflatedSharpe, probabilityOfOverfitting, type DeflatedSharpe, type PboResult } from './overfitting.js';
export {
  gridSets,
  gridSize,
  parseRanges,
  randomSets,
  RangeSpecError,
  type ParameterRange,
  type ParameterSet,
} from './ranges.js';
export { summariseSweep, summariseWalkForward, type SweepSummary, type WalkForwardSummary } from './report.js';
export { parameterSpace, type Parameter, type ParameterSpace } from './space.js';
export {
  evaluatorFor,
  runSweep,
  SweepCancelledError,
  type ChunkTask,
  type SweepConfig,
  type SweepExecutor,
  type SweepProgress,
} from './sweep.js';
export {
  parseWalkForward,
  runWalkForward,
  walkForwardWindows,
  WalkForwardSpecError,
  type WalkForwardSpec,
} from './walk-forward.js';
