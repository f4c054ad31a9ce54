namespace Seedance.Client.Requests;

/// <summary>The JSON shape of a request field or of a field of a nested item: it decides the field's schema and how it is read.</summary>
public enum FieldShape
{
    /// <summary>A string, optionally from a list of values.</summary>
    Text,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>An array of strings (URLs).</summary>
    StringList,

    /// <summary>An array of objects whose fields are described by the field's <see cref="RequestField.Items"/>.</summary>
    ObjectList,
}
