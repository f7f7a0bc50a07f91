export { type Clock, ManualClock, systemClock } from "./clock.js";
export { composeDigest, storyScore } from "./compose.js";
export {
  createFeedPoller,
  type FeedPollResult,
  type FeedToPoll,
  type PollFeed,
} from "./feed-poller.js";
export { ingestPollFeed } from "./ingest-poll.js";
export { createConsolePoster, digestToReply } from "./reply.js";
export { createDigestRunner, type DigestRunner, type TickReport } from "./runner.js";
export {
  describeSchedule,
  formatSlot,
  latestSlot,
  nextSlot,
  type ParsedSchedule,
  parseSchedule,
  ScheduleError,
} from "./schedule.js";
export { createDigestService } from "./service.js";
export * from "./types.js";
