using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsCopilot.Data.Conversations.Understanding;
using OpsCopilot.Web.Features.Planner;
using OpsCopilot.Web.Hosting;

namespace OpsCopilot.Tests.Planner;

public sealed class PlannerOptionsTests
{
    private static List<string> Errors(PlannerOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage ?? "").ToList();
    }

    private static PlannerOptions Enabled() => new() { Enabled = true, Endpoint = "http://127.0.0.1:11434/v1", ApiKey = "local", Model = "llama" };

    [Fact]
    public void The_defaults_are_off_and_the_runbook_limits()
    {
        var options = new PlannerOptions();

        options.Enabled.ShouldBeFalse();
        (options.MaxSteps, options.MaxToolCalls, options.TimeoutSeconds).ShouldBe((8, 5, 20));
        Errors(options).ShouldBeEmpty();
        Errors(Enabled()).ShouldBeEmpty();
    }

    [Fact]
    public void Enabled_needs_an_endpoint_a_model_and_a_key()
    {
        var errors = Errors(new PlannerOptions { Enabled = true });

        errors.Count.ShouldBe(3);
        errors.ShouldContain(e => e.Contains("Endpoint"));
        errors.ShouldContain(e => e.Contains("Model"));
        errors.ShouldContain(e => e.Contains("ApiKey"));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://llm.example/v1")]
    [InlineData("/v1")]
    public void The_endpoint_must_be_an_http_url(string endpoint)
    {
        var options = Enabled();
        options.Endpoint = endpoint;

        Errors(options).ShouldHaveSingleItem().ShouldContain("Endpoint");
    }

    [Theory]
    [InlineData(0, 5, 20)]
    [InlineData(51, 5, 20)]
    [InlineData(8, 0, 20)]
    [InlineData(8, 51, 20)]
    [InlineData(8, 5, 0)]
    [InlineData(8, 5, 301)]
    public void The_limits_have_ranges(int maxSteps, int maxToolCalls, int timeoutSeconds)
    {
        var options = Enabled();
        (options.MaxSteps, options.MaxToolCalls, options.TimeoutSeconds) = (maxSteps, maxToolCalls, timeoutSeconds);

        Errors(options).ShouldHaveSingleItem();
    }

    [Fact]
    public void The_runbook_environment_variables_set_the_limits()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OPS_COPILOT_MAX_STEPS"] = "3",
            ["OPS_COPILOT_MAX_TOOL_CALLS"] = "2",
            ["OPS_COPILOT_TIMEOUT_SECONDS"] = "7",
        });
        configuration.AddRunbookAliases();

        var options = configuration.GetSection(PlannerOptions.Section).Get<PlannerOptions>().ShouldNotBeNull();

        (options.MaxSteps, options.MaxToolCalls, options.TimeoutSeconds).ShouldBe((3, 2, 7));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddMetrics()
            .AddMessageUnderstanding()
            .BuildServiceProvider();
    }

    [Fact]
    public void Without_the_switch_the_rules_read_messages()
    {
        using var services = Services([]);

        services.GetRequiredService<IMessageInterpreter>().ShouldBeOfType<RuleBasedMessageInterpreter>();
    }

    [Fact]
    public void With_the_switch_the_planner_reads_messages()
    {
        using var services = Services(new()
        {
            ["OpsCopilot:Planner:Enabled"] = "true",
            ["OpsCopilot:Planner:Endpoint"] = "http://127.0.0.1:9/v1",
            ["OpsCopilot:Planner:ApiKey"] = "local",
            ["OpsCopilot:Planner:Model"] = "llama",
        });

        services.GetRequiredService<IMessageInterpreter>().ShouldBeOfType<LlmMessageInterpreter>();
    }

    [Fact]
    public void An_enabled_planner_without_an_endpoint_does_not_start()
    {
        using var services = Services(new() { ["OpsCopilot:Planner:Enabled"] = "true", ["OpsCopilot:Planner:Model"] = "llama" });

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IMessageInterpreter>());
    }
}
