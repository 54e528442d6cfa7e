/** Public API of the pure flow engine: flows as data, the state machine, review and progress. */
export { advance, migrateState, type StepResult, startState } from './advance';
export { type ParseResult, parseDate, parseNumber, parseTypedAnswer } from './answers';
export { checkFlowRules, formatPath, OUTLINE_SECTIONS, validateFlow } from './check-flow';
export { checkFlowsDir, describeFlow } from './check-flows';
export { hasAnswer } from './conditions';
export {
  DEFAULT_MAX_FILES,
  DEFAULT_MAX_SIZE_MB,
  DEFAULT_TEXT_MAX_LENGTH,
  type Flow,
  type FlowInput,
  flowSchema,
  QUESTION_TYPES,
  type Question,
  type QuestionCondition,
  type QuestionOption,
  type QuestionType,
  type Section,
} from './flow-schema';
export { formatAnswer, shortLabel } from './format';
export {
  createFlowCatalog,
  type FlowCatalog,
  FlowLoadError,
  loadFlows,
  parseFlowText,
  readFlowsDir,
} from './load-flows';
export { flowNumbering, type Numbering, numberingOf } from './numbering';
export { applicableQuestions, missingRequired, progress } from './progress';
export { renderReview } from './review';
export { type EngineState, engineStateSchema, parseEngineState, RETURN_TO_DONE } from './state';
export { CHECK_TOKEN, parseToken, REVIEW_TOKEN, tokens } from './tokens';
export {
  type AnswerLookup,
  type AnswerValue,
  type AttachmentRef,
  type Effect,
  type EngineContext,
  type EngineInput,
  type Reply,
  type ReplyButton,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type UnitKind,
} from './types';
