using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace OpsCopilot.Web.Features.WhatsApp;

internal enum RawBodyStatus
{
    Complete,
    TooLarge,
    Incomplete,
}

internal readonly record struct RawBody(RawBodyStatus Status, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>
    /// Reads the request body exactly as sent (signatures are over these bytes), refusing more than
    /// <paramref name="maxBytes"/> whether the length is announced, understated or unknown (chunked).
    /// </summary>
    public static async Task<RawBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return new(RawBodyStatus.TooLarge, default);

        // Lets Kestrel stop a sender early; TestServer and other hosts have no such feature, so count here as well.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;

        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, maxBytes));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > maxBytes) return new(RawBodyStatus.TooLarge, default);
                body.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex)
        {
            return new(ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? RawBodyStatus.TooLarge : RawBodyStatus.Incomplete, default);
        }
        catch (IOException)
        {
            // The client went away mid-body (connection reset): there is nothing to verify.
            return new(RawBodyStatus.Incomplete, default);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new(RawBodyStatus.Complete, body.ToArray());
    }
}
