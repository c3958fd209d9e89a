namespace Decisioning.Reporting.Rendering.Board;

/// <summary>The language of the board's labels: <c>en</c> or <c>zh</c> (简体中文).</summary>
public enum BoardLanguage
{
    English,
    Chinese,
}

/// <summary>Parses <c>--lang</c>.</summary>
public static class BoardLanguages
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
