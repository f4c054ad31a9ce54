namespace Seedance.Client.Validation;

/// <summary>What kind of media reference a string is.</summary>
public enum MediaUrlKind
{
    /// <summary>Neither an http(s) URL nor an asset id.</summary>
    Invalid,
    /// <summary>An absolute <c>http://</c> or <c>https://</c> URL with a host.</summary>
    Http,
    /// <summary>An <c>asset://&lt;id&gt;</c> reference to a reviewed asset.</summary>
    Asset,
}
