namespace Seedance.Client.Tests.Infrastructure;

/// <summary>A response body that gives its first bytes, then stalls until cancelled or breaks off with an <see cref="IOException"/>.</summary>
public sealed class StallingStream(byte[] first, bool breaks) : Stream
{
    private int _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < first.Length)
        {
            var count = Math.Min(buffer.Length, first.Length - _position);
            first.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        if (breaks)
        {
            throw new IOException("The response ended prematurely.");
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read asynchronously");
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>An answer with <paramref name="status"/> whose body starts with <paramref name="start"/> and never ends well.</summary>
    public static Func<HttpRequestMessage, Task<HttpResponseMessage>> Answer(System.Net.HttpStatusCode status, string start, bool breaks) => _ =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StreamContent(new StallingStream(System.Text.Encoding.UTF8.GetBytes(start), breaks)) });
}
