using OpsCopilot.Smoke;

var options = SmokeOptions.Parse(args, ReadPassword, () => Environment.GetEnvironmentVariable(SmokeOptions.SecretVariable), out var problem);
if (options is null)
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(SmokeOptions.Usage);
    return 2;
}
return await SmokeRun.ExecuteAsync(options, Console.Out);

static string? ReadPassword() =>
    Environment.GetEnvironmentVariable(SmokeOptions.PasswordVariable) is { Length: > 0 } fromEnvironment
        ? fromEnvironment
        : Console.IsInputRedirected ? Console.In.ReadLine()?.TrimEnd('\r') : null;
