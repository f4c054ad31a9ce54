namespace Seedance.Client.Uploads;

/// <summary>An image stored by the provider's upload endpoint; its URL lives about 72 hours.</summary>
/// <param name="Url">The URL to pass in <c>image_urls</c> or <c>image_with_roles</c>.</param>
/// <param name="FileName">The stored file name.</param>
/// <param name="ContentType">The MIME type the provider recorded.</param>
/// <param name="Bytes">The stored size.</param>
/// <param name="CreatedAt">When it was stored.</param>
public sealed record UploadedImage(string Url, string? FileName, string? ContentType, long? Bytes, DateTimeOffset? CreatedAt);
