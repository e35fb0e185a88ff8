using System.Xml.Linq;

namespace OpsCopilot.Tests.Security;

/// <summary>Issue 11, finding 7: restore audits every package (direct and transitive) and fails on any advisory.</summary>
public sealed class PackageAuditTests
{
    [Fact]
    public void Every_project_audits_its_packages_and_warnings_fail_the_build()
    {
        var props = XDocument.Load(Path.Combine(RepositoryRoot(), "Directory.Build.props"));
        string? Property(string name) => props.Descendants(name).LastOrDefault()?.Value;

        Property("NuGetAudit").ShouldBe("true");
        Property("NuGetAuditMode").ShouldBe("all");
        Property("NuGetAuditLevel").ShouldBe("low");
        Property("TreatWarningsAsErrors").ShouldBe("true");
        // A suppression needs its reason beside it: none today.
        props.Descendants("NuGetAuditSuppress").ShouldBeEmpty();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OpsCopilot.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("OpsCopilot.sln not found above " + AppContext.BaseDirectory);
    }
}
