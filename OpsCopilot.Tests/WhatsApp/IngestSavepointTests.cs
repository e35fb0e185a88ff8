using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// A message's transaction takes no savepoint it does not need: EF's automatic SAVEPOINT/RELEASE around a save would be
/// two round trips per draft while the sender's rows are locked. A confirm keeps its own, so its effects can roll back
/// alone and the failure be recorded in the same transaction (DraftService).
/// </summary>
public sealed class IngestSavepointTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_ticket_draft_is_written_without_automatic_savepoints_and_its_confirm_takes_exactly_its_own()
    {
        var phone = await Phones.PairAsync(factory);
        var client = factory.CreateClient();
        using var savepoints = new SavepointCounter(factory.Database.Name);

        var draft = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, "LKW W-1234 hat Bremsenproblem")));
        draft.Text("reply").ShouldStartWith("Create ticket");
        savepoints.Count.ShouldBe(0, "the draft's save inside the message's transaction");

        var confirmed = await Gateway.SendAsync(client, Gateway.Signed(Gateway.Body(phone.From, "CONFIRM")));
        confirmed.Text("reply").ShouldStartWith("Ticket #");
        savepoints.Count.ShouldBe(1, "the confirm's own unit, and none around the saves inside it");
    }

    /// <summary>Counts EF's savepoints on this test's database (tests of other databases run in parallel).</summary>
    private sealed class SavepointCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string database;
        private readonly List<IDisposable> subscriptions = [];
        private int count;

        public SavepointCounter(string database)
        {
            this.database = database;
            lock (subscriptions) subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name != DbLoggerCategory.Name) return;
            lock (subscriptions) subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CreatingTransactionSavepoint.Name));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is TransactionEventData data && data.Transaction.Connection?.Database == database) Interlocked.Increment(ref count);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            lock (subscriptions) subscriptions.ForEach(s => s.Dispose());
        }
    }
}
