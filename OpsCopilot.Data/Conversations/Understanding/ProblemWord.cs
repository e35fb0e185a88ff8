namespace OpsCopilot.Data.Conversations.Understanding;

public sealed record ProblemWord(MessageToken Token, ProblemWordKind Kind);
