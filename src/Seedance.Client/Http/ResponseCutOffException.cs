using System.Net;

namespace Seedance.Client.Http;

/// <summary>An answer whose body broke off while it was read; carries the status that had already arrived.</summary>
internal sealed class ResponseCutOffException(HttpStatusCode status, Exception inner)
    : IOException($"The response body was cut off ({inner.GetType().Name}).", inner)
{
    /// <summary>The status of the answer whose body broke off.</summary>
    public HttpStatusCode Status { get; } = status;
}
