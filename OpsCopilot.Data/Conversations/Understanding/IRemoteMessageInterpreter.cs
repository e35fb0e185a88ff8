namespace OpsCopilot.Data.Conversations.Understanding;

/// <summary>
/// An interpreter that reads over the network (the LLM planner): the ingest asks it before the message's
/// transaction, so no connection or idempotency key is held while a model thinks.
/// </summary>
public interface IRemoteMessageInterpreter : IMessageInterpreter;
