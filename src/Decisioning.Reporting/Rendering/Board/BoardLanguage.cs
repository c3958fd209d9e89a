namespace Decisioning.Reporting.Rendering.Board;

/// <summary>The language of the board's labels: <c>en</c> or <c>zh</c> (简体中文).</summary>
public enum BoardLanguage
{
    /// <summary>English labels (<c>en</c>), the default.</summary>
    English,

    /// <summary>Simplified Chinese labels (<c>zh</c>).</summary>
    Chinese,
}

/// <summary>Parses <c>--lang</c>.</summary>
internal static class BoardLanguages
{
    public static bool TryParse(string? text, out BoardLanguage language)
    {
        (var ok, language) = text?.ToLowerInvariant() switch
        {
            "en" or "english" => (true, BoardLanguage.English),
            "zh" or "zh-cn" or "chinese" => (true, BoardLanguage.Chinese),
            _ => (false, BoardLanguage.English),
        };
        return ok;
    }
}
