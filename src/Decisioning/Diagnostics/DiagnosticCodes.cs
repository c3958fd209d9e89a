namespace Decisioning.Diagnostics;

/// <summary>
/// The stable codes of map diagnostics. Tools and tests match on these; docs/reference/diagnostics.md lists
/// each with an example. Never renumber or rename one.
/// </summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "DM001";
    public const string FileUnreadable = "DM002";
    public const string NotUtf8 = "DM003";
    public const string TooLarge = "DM004";
    public const string TooDeep = "DM005";
    public const string AliasNotAllowed = "DM006";
    public const string EmptyMap = "DM007";
    public const string UnknownKey = "DM010";
    public const string WrongNodeKind = "DM011";
    public const string MissingKey = "DM012";
    public const string DuplicateKey = "DM013";
    public const string DuplicateSection = "DM014";
    public const string BadId = "DM020";
    public const string DuplicateId = "DM021";
    public const string UnknownReference = "DM022";
    public const string BadDuration = "DM030";
    public const string BadDate = "DM031";
    public const string OutOfRange = "DM032";
    public const string BadNumber = "DM033";
    public const string BadBoolean = "DM034";
    public const string BadValue = "DM035";
    public const string UnknownFieldType = "DM040";
    public const string ListFileMissing = "DM041";

    /// <summary>A file a map names (or a file of a map folder) resolves, links followed, outside the map's folder.</summary>
    public const string FileOutsideMap = "DM042";

    /// <summary>A file a load would read is not a regular file: a folder, a FIFO, a device or a socket.</summary>
    public const string NotRegularFile = "DM043";

    /// <summary>A list or state file a map names is larger than <c>MapFileRules.MaxNamedFileBytes</c>.</summary>
    public const string NamedFileTooLarge = "DM044";
    public const string ExpressionSyntax = "DM050";
    public const string ExpressionUnknownName = "DM051";
    public const string ExpressionForbidden = "DM052";
    public const string ExpressionTooLong = "DM053";
    public const string ExpressionTooDeep = "DM054";
    public const string ExpressionType = "DM055";
    public const string ScriptSyntax = "DM060";
    public const string ScriptUnknownName = "DM061";
    public const string ScriptForbidden = "DM062";
    public const string ScriptUnknownFilter = "DM063";
    public const string ScriptTooLarge = "DM064";
    public const string ModelCoefficient = "DM070";
    public const string HostModelMissing = "DM071";
    public const string AdaptivePredictor = "DM072";
    public const string AdaptiveEdges = "DM073";
    public const string AdaptiveState = "DM074";

    /// <summary>Hosting: the map's <c>map:</c> key is not the id the host serves it under.</summary>
    public const string ServedUnderAnotherId = "DM090";

    /// <summary>Hosting: a host policy factory threw while a version loaded.</summary>
    public const string HostPolicyFailed = "DM091";
}
