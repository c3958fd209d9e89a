using System.Buffers;
using System.Text.Unicode;
using Decisioning.Diagnostics;

namespace Decisioning.Parsing;

/// <summary>Turns a file's bytes into text: UTF-8 only, BOM dropped, size limited.</summary>
internal static class SourceText
{
    /// <summary>Maps larger than this are refused before parsing, so a huge file cannot stall a load.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public static string? Decode(byte[] bytes, string file, DiagnosticBag diagnostics)
    {
        if (bytes.Length > MaxBytes)
        {
            diagnostics.Error(DiagnosticCodes.TooLarge,
                $"the file is {bytes.Length:N0} bytes; a map file may hold at most {MaxBytes:N0}",
                SourceLocation.StartOf(file));
            return null;
        }

        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        var chars = new char[span.Length];
        var status = Utf8.ToUtf16(span, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            diagnostics.Error(DiagnosticCodes.NotUtf8,
                $"the file is not valid UTF-8 (byte 0x{span[read]:X2} at offset {read}); save it as UTF-8",
                LocationOf(chars.AsSpan(0, written), file));
            return null;
        }

        return new string(chars, 0, written);
    }

    // The place just after the given text: used to point at the first undecodable byte.
    private static SourceLocation LocationOf(ReadOnlySpan<char> before, string file)
    {
        var line = 1 + before.Count('\n');
        var lastNewline = before.LastIndexOf('\n');
        return new SourceLocation(file, line, before.Length - lastNewline);
    }

    /// <summary>Reads a file, reporting an unreadable one as a diagnostic instead of throwing.</summary>
    public static string? ReadFile(string path, string displayPath, DiagnosticBag diagnostics) =>
        ReadFile(path, displayPath, diagnostics, p => Files.MapFileRules.ReadRegular(p, MaxBytes));

    /// <summary>As <see cref="ReadFile(string, string, DiagnosticBag)"/>, the bytes read by <paramref name="read"/> (which may keep them).</summary>
    internal static string? ReadFile(string path, string displayPath, DiagnosticBag diagnostics, Func<string, byte[]> read)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxBytes)
            {
                diagnostics.Error(DiagnosticCodes.TooLarge,
                    $"the file is {info.Length:N0} bytes; a map file may hold at most {MaxBytes:N0}",
                    SourceLocation.StartOf(displayPath));
                return null;
            }

            return Decode(read(path), displayPath, diagnostics);
        }
        catch (Files.MapFileRefusedException e)
        {
            diagnostics.Error(e.Code, e.Message, SourceLocation.StartOf(displayPath));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(DiagnosticCodes.FileUnreadable, $"cannot read the file: {e.Message}",
                SourceLocation.StartOf(displayPath));
            return null;
        }
    }
}
