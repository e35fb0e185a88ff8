using System.Net;
using System.Net.Sockets;

namespace OpsCopilot.Tests.Infrastructure;

/// <summary>
/// A real TCP proxy on 127.0.0.1 in front of PostgreSQL that can be frozen, the way a SIGSTOPped server looks from the
/// client: connections are still accepted (the kernel completes the handshake) but no byte moves in either direction.
/// Bytes a client sent meanwhile are delivered when it thaws — a COMMIT written just before a client gave up still
/// reaches the server, exactly the case where "answered 503" and "committed" could disagree.
/// </summary>
internal sealed class StallingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint upstream;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Socket> sockets = [];
    private readonly Task accepting;
    private TaskCompletionSource open = Opened();

    private StallingTcpProxy(IPEndPoint upstream)
    {
        this.upstream = upstream;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public static StallingTcpProxy To(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return new StallingTcpProxy(new IPEndPoint(IPAddress.Parse(builder.Host!), builder.Port));
    }

    /// <summary>The connection string, through this proxy.</summary>
    public string Route(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    public void Freeze()
    {
        lock (sockets) if (open.Task.IsCompleted) open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Thaw()
    {
        lock (sockets) open.TrySetResult();
    }

    private static TaskCompletionSource Opened()
    {
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opened.SetResult();
        return opened;
    }

    private Task WhileFrozen()
    {
        lock (sockets) return open.Task;
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            lock (sockets) sockets.AddRange([client, server]);
            try
            {
                await server.ConnectAsync(upstream, stopping.Token);
                await Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client));
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
            }
            catch (SocketException)
            {
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stopping.Token);
                await WhileFrozen().WaitAsync(stopping.Token);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping.Token);
            }
            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // One side is gone: so is the other, once thawed (a frozen server notices nothing either).
            try
            {
                await WhileFrozen().WaitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
            }
            to.Close();
            from.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        lock (sockets)
        {
            foreach (var socket in sockets) socket.Dispose();
        }
        await accepting;
        stopping.Dispose();
    }
}
