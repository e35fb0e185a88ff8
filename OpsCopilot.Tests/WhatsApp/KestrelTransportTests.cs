using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OpsCopilot.Data.Security;
using OpsCopilot.Tests.Infrastructure;

namespace OpsCopilot.Tests.WhatsApp;

/// <summary>
/// On a real socket against Kestrel, where a client can stream a chunked body or announce a length that is not the
/// truth: the limit and the signature still hold, and nothing answers 500.
/// </summary>
public sealed class KestrelTransportTests(OpsWebFactory factory) : IClassFixture<OpsWebFactory>
{
    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413()
    {
        await using var host = StartKestrel();
        var body = Encoding.UTF8.GetBytes(Gateway.Body(Phones.Next(), new string('a', 70 * 1024), Gateway.NewMessageId()));
        var head = Head(host, body, "Transfer-Encoding: chunked");
        var chunks = new MemoryStream();
        foreach (var chunk in body.Chunk(8 * 1024))
        {
            chunks.Write(Encoding.ASCII.GetBytes(chunk.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            chunks.Write(chunk);
            chunks.Write("\r\n"u8);
        }

        chunks.Write("0\r\n\r\n"u8);

        (await SendRawAsync(host, [.. head, .. chunks.ToArray()])).ShouldStartWith("HTTP/1.1 413");
    }

    [Fact]
    public async Task An_understated_content_length_only_delivers_what_it_announced_and_fails_the_signature()
    {
        await using var host = StartKestrel();
        var body = Encoding.UTF8.GetBytes(Gateway.Body(Phones.Next(), new string('a', 70 * 1024), Gateway.NewMessageId()));
        var head = Head(host, body, "Content-Length: 100");

        (await SendRawAsync(host, [.. head, .. body])).ShouldStartWith("HTTP/1.1 401");
    }

    [Fact]
    public async Task An_overstated_content_length_over_the_limit_is_413_before_the_body_is_read()
    {
        await using var host = StartKestrel();
        var body = Encoding.UTF8.GetBytes(Gateway.Body(Phones.Next(), "short", Gateway.NewMessageId()));
        var head = Head(host, body, "Content-Length: 10000000");

        (await SendRawAsync(host, [.. head, .. body])).ShouldStartWith("HTTP/1.1 413");
    }

    [Fact]
    public async Task A_body_that_ends_before_its_announced_length_is_dropped_without_a_trace()
    {
        await using var host = StartKestrel();
        var messageId = Gateway.NewMessageId();
        var body = Encoding.UTF8.GetBytes(Gateway.Body(Phones.Next(), "short", messageId));
        var head = Head(host, body, $"Content-Length: {body.Length + 50}");

        // Kestrel may drop the half-closed connection before any answer; if one comes, it is a 400.
        var statusLine = await SendRawAsync(host, [.. head, .. body], closeAfterSending: true);
        if (statusLine.Length > 0) statusLine.ShouldStartWith("HTTP/1.1 400");
        (await factory.Database.ScalarAsync<long>("SELECT count(*) FROM ops.ingest_dedup WHERE message_id = $1", messageId)).ShouldBe(0L);
    }

    private SecondHost StartKestrel()
    {
        var host = new SecondHost(factory);
        host.UseKestrel(0);
        host.StartServer();
        return host;
    }

    /// <summary>Request line and headers, signed over the whole body as the gateway would have meant it.</summary>
    private static byte[] Head(SecondHost host, byte[] body, string framing)
    {
        var now = Gateway.Now;
        var signature = WebhookSigner.SignClawdbot(OpsWebFactory.WebhookSecret, now, body);
        return Encoding.ASCII.GetBytes(
            $"POST {Gateway.IngestPath} HTTP/1.1\r\nHost: {host.ClientOptions.BaseAddress.Authority}\r\nContent-Type: application/json\r\n" +
            $"{WebhookHeaders.ClawdbotTimestamp}: {now}\r\n{WebhookHeaders.ClawdbotSignature}: {signature}\r\n{framing}\r\nConnection: close\r\n\r\n");
    }

    private static async Task<string> SendRawAsync(SecondHost host, byte[] request, bool closeAfterSending = false)
    {
        using var client = host.CreateClient();
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, client.BaseAddress!.Port);
        var stream = socket.GetStream();
        try
        {
            await stream.WriteAsync(request);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read everything (413): the answer is still there.
        }

        if (closeAfterSending) socket.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        try
        {
            var statusLine = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return statusLine ?? "";
        }
        catch (IOException) when (closeAfterSending)
        {
            // A reset instead of an answer: the server dropped the broken request, which is what we expect.
            return "";
        }
    }
}
