// TEMPORARY: stands in for the client's deadline overloads and SubmittedTask.Replayed until the replay branch is merged.
#pragma warning disable CS1591
using Seedance.Client.Requests;
using Seedance.Client.Tasks;
using Seedance.Client.Uploads;

namespace Seedance.Client;

internal static class ClientDeadlineShim
{
    public static Task<SubmittedTask> SubmitAsync(this SeedanceClient client, PreparedSubmission submission, DateTimeOffset? deadline, CancellationToken cancellationToken) =>
        client.SubmitAsync(submission, cancellationToken);

    public static Task<SeedanceTask> GetTaskAsync(this SeedanceClient client, string taskId, DateTimeOffset? deadline, CancellationToken cancellationToken) =>
        client.GetTaskAsync(taskId, cancellationToken);

    public static Task<UploadedImage> UploadImageFileAsync(this SeedanceClient client, string path, DateTimeOffset? deadline, CancellationToken cancellationToken) =>
        client.UploadImageFileAsync(path, cancellationToken);
}

internal static class SubmittedTaskShim
{
    extension(SubmittedTask task)
    {
        public bool Replayed => task is null;
    }

    extension(SeedanceClientOptions options)
    {
        public bool ReplayUnsureSubmits => options is not null;
    }
}
