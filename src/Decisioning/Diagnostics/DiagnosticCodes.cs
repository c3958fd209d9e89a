namespace Decisioning.Diagnostics;

/// <summary>
/// The stable codes of map diagnostics. Tools and tests match on these; docs/reference/diagnostics.md lists
/// each with an example. Never renumber or rename one.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>YAML syntax error, or a second YAML document in one file.</summary>
    public const string YamlSyntax = "DM001";

    /// <summary>A file, folder or list file cannot be read.</summary>
    public const string FileUnreadable = "DM002";

    /// <summary>The file is not UTF-8 (points at the first bad byte).</summary>
    public const string NotUtf8 = "DM003";

    /// <summary>The file is larger than 4 MiB.</summary>
    public const string TooLarge = "DM004";

    /// <summary>Nesting deeper than 32 levels.</summary>
    public const string TooDeep = "DM005";

    /// <summary>A YAML alias (<c>*name</c>): refused so an alias bomb costs nothing.</summary>
    public const string AliasNotAllowed = "DM006";

    /// <summary>An empty file (warning); a folder with no YAML file (error); a map with no strategies (warning).</summary>
    public const string EmptyMap = "DM007";

    /// <summary>Unknown key, with "did you mean".</summary>
    public const string UnknownKey = "DM010";

    /// <summary>A value where a mapping or list is expected, or the reverse.</summary>
    public const string WrongNodeKind = "DM011";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "DM012";

    /// <summary>The same key twice in one mapping.</summary>
    public const string DuplicateKey = "DM013";

    /// <summary>A single section (<c>map</c>, <c>customer</c>, <c>arbitration</c>, <c>experiment</c>, ...) in two files of a folder.</summary>
    public const string DuplicateSection = "DM014";

    /// <summary>An id that is not kebab-case <c>[a-z0-9][a-z0-9-]*</c>, or a bad field name.</summary>
    public const string BadId = "DM020";

    /// <summary>A duplicate id, reported at the later occurrence.</summary>
    public const string DuplicateId = "DM021";

    /// <summary>Unknown reference (segment, objective, scenario, product, channel, script, event, stage, model), with "did you mean".</summary>
    public const string UnknownReference = "DM022";

    /// <summary>Bad duration: <c>&lt;n&gt;d</c>, <c>&lt;n&gt;h</c> or <c>&lt;n&gt;m</c>.</summary>
    public const string BadDuration = "DM030";

    /// <summary>Bad date: ISO-8601 date or date-time.</summary>
    public const string BadDate = "DM031";

    /// <summary>Value out of range: control and propensity 0..1, priority 0..100, values 0..1e12, weights 0..1e6, logistic coefficients and intercept -1e6..1e6, durations at most 100 years (<c>36500d</c>), no <c>.inf</c>, maxActions &gt;= 1, contact max &gt;= 0, capacity &gt;= 0, maxLength &gt;= 1, <c>active.from</c> before <c>active.to</c>.</summary>
    public const string OutOfRange = "DM032";

    /// <summary>Not a number.</summary>
    public const string BadNumber = "DM033";

    /// <summary>Not <c>true</c> or <c>false</c>.</summary>
    public const string BadBoolean = "DM034";

    /// <summary>A value outside its set (objective kind, scenario kind, controlPolicy, model kind), or a key that does not apply (<c>when</c> on a non-event scenario).</summary>
    public const string BadValue = "DM035";

    /// <summary>Unknown field type (string, int, decimal, bool, date, with <c>?</c> for optional).</summary>
    public const string UnknownFieldType = "DM040";

    /// <summary>A named list's file does not exist.</summary>
    public const string ListFileMissing = "DM041";

    /// <summary>A file a map names (or a file of a map folder) resolves, links followed, outside the map's folder.</summary>
    public const string FileOutsideMap = "DM042";

    /// <summary>A file a load would read is not a regular file: a folder, a FIFO, a device or a socket.</summary>
    public const string NotRegularFile = "DM043";

    /// <summary>A list or state file a map names is larger than <c>MapFileRules.MaxNamedFileBytes</c>.</summary>
    public const string NamedFileTooLarge = "DM044";

    /// <summary>Expression syntax error.</summary>
    public const string ExpressionSyntax = "DM050";

    /// <summary>Unknown name in an expression, with "did you mean".</summary>
    public const string ExpressionUnknownName = "DM051";

    /// <summary>Forbidden construct: assignment <c>=</c>, <c>new</c>, a static member, a method outside the allow-list, reflection.</summary>
    public const string ExpressionForbidden = "DM052";

    /// <summary>Expression longer than 4,096 characters.</summary>
    public const string ExpressionTooLong = "DM053";

    /// <summary>Expression nested deeper than 32 levels (parentheses, unary operators, conditionals).</summary>
    public const string ExpressionTooDeep = "DM054";

    /// <summary>An expression that is not true/false.</summary>
    public const string ExpressionType = "DM055";

    /// <summary>Liquid syntax error in a script.</summary>
    public const string ScriptSyntax = "DM060";

    /// <summary>A script reads a name a script cannot see.</summary>
    public const string ScriptUnknownName = "DM061";

    /// <summary>A tag a script may not use (<c>include</c>, <c>render</c>, ...), an unknown tag (with "did you mean"), or <c>"now"</c>/<c>"today" | date</c> (the wall clock).</summary>
    public const string ScriptForbidden = "DM062";

    /// <summary>An unknown filter, with "did you mean".</summary>
    public const string ScriptUnknownFilter = "DM063";

    /// <summary>A script over a limit: longer than 4,096 characters, tags nested deeper than 8, a chain of more than 16 filters (docs/limits.md).</summary>
    public const string ScriptTooLarge = "DM064";

    /// <summary>A logistic coefficient names a missing or non-numeric field.</summary>
    public const string ModelCoefficient = "DM070";

    /// <summary>A <c>host</c> model that the host did not supply (the command line supplies none).</summary>
    public const string HostModelMissing = "DM071";

    /// <summary>An adaptive predictor names no field, or a field its kind cannot bin.</summary>
    public const string AdaptivePredictor = "DM072";

    /// <summary>An adaptive predictor's bin edges are missing or not strictly ascending.</summary>
    public const string AdaptiveEdges = "DM073";

    /// <summary>An adaptive model's state file is missing, unreadable, not a state, or learned with other predictors.</summary>
    public const string AdaptiveState = "DM074";

    /// <summary>Hosting: the map's <c>map:</c> key is not the id the host serves it under.</summary>
    public const string ServedUnderAnotherId = "DM090";

    /// <summary>Hosting: a host policy factory threw while a version loaded.</summary>
    public const string HostPolicyFailed = "DM091";
}
