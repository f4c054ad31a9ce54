namespace Seedance.Client.Http;

/// <summary>
/// Reads each answer's body (capped) inside the resilience pipeline, so the pipeline's per-attempt timeout covers
/// the whole answer, not only its headers, and a read cut off mid-body is retried like any other transient fault.
/// Sits between the resilience handler and the network handler.
/// </summary>
internal sealed class ResponseBufferingHandler(int maxResponseBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentLength > maxResponseBytes)
        {
            // Left unread: the client refuses it by its declared length.
            return response;
        }

        try
        {
            // Reading one byte past the limit lets the client see that the answer was too large.
            var (bytes, _) = await BodyReader.ReadAsync(response.Content, maxResponseBytes, cancellationToken);
            var buffered = new ByteArrayContent(bytes);
            foreach (var header in response.Content.Headers)
            {
                if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            response.Content.Dispose();
            response.Content = buffered;
            return response;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            response.Dispose();
            throw new ResponseCutOffException(response.StatusCode, ex);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
