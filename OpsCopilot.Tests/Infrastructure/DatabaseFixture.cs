namespace OpsCopilot.Tests.Infrastructure;

/// <summary>One migrated database per test class; tests inside it isolate themselves with fresh tenants.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (database is not null) await database.DisposeAsync();
    }
}
