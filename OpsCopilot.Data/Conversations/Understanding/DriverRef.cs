namespace OpsCopilot.Data.Conversations.Understanding;

public sealed record DriverRef(Guid Id, string FullName);
