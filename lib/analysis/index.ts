/**
 * Customer-side analysis: sentiment per customer message, trajectory,
 * emotional triggers (rules/triggers.yaml) and facts for the decision map.
 * Pure and DOM-free; runs in Node and the browser.
 */
export { createSentimentScorer, type SentimentOptions, type SentimentScorer } from './sentiment';
export { computeTrajectory, TREND_THRESHOLD } from './trajectory';
export {
  compileTriggers,
  TriggerRuleError,
  SCRIPT_IDS,
  TRIGGERS_FILE,
  type CompiledTrigger,
  type ScriptId,
  type TriggerSpec,
} from './trigger-rules';
export { findPhraseTriggers, questionsOf, questionOverlap, repeatedQuestionHits, type MessageText, type Question } from './triggers';
export { extractFacts, loadDateParser } from './extract';
export {
  createConversationAnalyzer,
  analyseConversation,
  type ConversationAnalyzer,
  type ConversationAnalyzerOptions,
  type ConversationAnalysis,
  type ConversationReading,
} from './conversation';
