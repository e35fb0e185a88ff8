using Microsoft.EntityFrameworkCore.Storage;

namespace OpsCopilot.Data;

/// <summary>
/// A transaction of its own, or a savepoint inside the caller's: a webhook message runs its whole conversation
/// (claim, commit, reply) in one transaction with its dedup key, and the services must not commit it early.
/// Disposing without <see cref="CommitAsync"/> rolls back just this unit.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly IDbContextTransaction transaction;
    private readonly string? savepoint;
    private bool completed;

    private UnitOfWork(IDbContextTransaction transaction, string? savepoint)
    {
        this.transaction = transaction;
        this.savepoint = savepoint;
    }

    public static async Task<UnitOfWork> BeginAsync(OpsDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            var name = "unit_" + Guid.NewGuid().ToString("N")[..12];
            await outer.CreateSavepointAsync(name, cancellationToken);
            return new UnitOfWork(outer, name);
        }
        return new UnitOfWork(await db.Database.BeginTransactionAsync(cancellationToken), null);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (savepoint is null) await transaction.CommitAsync(cancellationToken);
        else await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
        completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (savepoint is null)
        {
            await transaction.DisposeAsync();
        }
        else if (!completed)
        {
            await transaction.RollbackToSavepointAsync(savepoint);
        }
    }
}
