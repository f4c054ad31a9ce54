namespace Seedance.Agents.Parameters;

/// <summary>The JSON shape of a tool argument: it decides the argument's schema and how it is read.</summary>
internal enum ParameterKind
{
    /// <summary>A string, optionally from a list of values.</summary>
    String,

    /// <summary>A whole number (a numeric string is accepted too).</summary>
    Integer,

    /// <summary>true or false (the strings "true" and "false" are accepted too).</summary>
    Boolean,

    /// <summary>An array of URL strings (a single string is read as a list of one).</summary>
    UrlList,

    /// <summary>An array of <c>{"url", "role"}</c> objects.</summary>
    ImageRoles,

    /// <summary>An array of <c>{"type": "web_search"}</c> objects.</summary>
    Tools,

    /// <summary>An array of <c>{"prompt", "duration"}</c> objects: the shots of a long video (a bare string is read as a prompt).</summary>
    Shots,
}
