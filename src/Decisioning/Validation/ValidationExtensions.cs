using Decisioning.Diagnostics;
using Decisioning.Model;
using FluentValidation;
using FluentValidation.Results;

namespace Decisioning.Validation;

/// <summary>
/// FluentValidation failures that carry our diagnostic code (ErrorCode) and source position
/// (CustomState), so that <see cref="MapValidation"/> can print <c>FILE:LINE:COL</c> for each.
/// </summary>
internal static class ValidationExtensions
{
    public static void Report<T>(this ValidationContext<T> context, string code, string message, SourceLocation at) =>
        context.AddFailure(new ValidationFailure("", message) { ErrorCode = code, CustomState = at });

    public static void Warn<T>(this ValidationContext<T> context, string code, string message, SourceLocation at) =>
        context.AddFailure(new ValidationFailure("", message)
        {
            ErrorCode = code,
            CustomState = at,
            Severity = FluentValidation.Severity.Warning,
        });

    /// <summary>An id that is required and kebab-case.</summary>
    public static void CheckId<T>(this ValidationContext<T> context, Located<string>? id, SourceLocation owner, string what)
    {
        if (id is not { } value)
        {
            context.Report(DiagnosticCodes.MissingKey, $"{what} has no 'id'", owner);
        }
        else if (!Syntax.IsId(value.Value))
        {
            context.Report(DiagnosticCodes.BadId,
                $"'{value.Value}' is not a valid id: use lower-case letters, digits and '-' ([a-z0-9][a-z0-9-]*)", value.Location);
        }
    }

    /// <summary>A reference to an id of another section (segment, product, ...).</summary>
    public static void CheckReference<T>(this ValidationContext<T> context, Located<string>? reference, IReadOnlySet<string> known, string kind)
    {
        if (reference is { } r && !known.Contains(r.Value))
        {
            context.Report(DiagnosticCodes.UnknownReference,
                $"unknown {kind} '{r.Value}'{Parsing.Suggestions.DidYouMean(r.Value, known)}", r.Location);
        }
    }

    public static void CheckDuration<T>(this ValidationContext<T> context, Located<MapDuration>? duration, string what)
    {
        if (duration is { } d && d.Value.Length is null)
        {
            if (d.Value.TooLong)
            {
                context.Report(DiagnosticCodes.OutOfRange,
                    $"{what} '{d.Value}' is longer than 100 years; a duration is at most 36500d (876000h, 52560000m)", d.Location);
                return;
            }

            context.Report(DiagnosticCodes.BadDuration,
                $"{what} '{d.Value}' is not a duration: write <n>d, <n>h or <n>m, such as 7d", d.Location);
        }
    }

    public static void CheckRange<T>(this ValidationContext<T> context, Located<double>? value, double min, double max, string what)
    {
        // Written so that NaN (YAML .nan) fails too; infinities fail every finite bound.
        if (value is { } v && !(double.IsFinite(v.Value) && v.Value >= min && v.Value <= max))
        {
            var range = double.IsPositiveInfinity(max) ? $">= {min}" : $"between {min} and {max}";
            context.Report(DiagnosticCodes.OutOfRange, $"{what} must be {range}, not {v.Value}", v.Location);
        }
    }

    public static void CheckOneOf<T>(this ValidationContext<T> context, Located<string>? value, IReadOnlyList<string> allowed, string what)
    {
        if (value is { } v && !allowed.Contains(v.Value))
        {
            context.Report(DiagnosticCodes.BadValue,
                $"{what} '{v.Value}' is not one of: {string.Join(", ", allowed)}{Parsing.Suggestions.DidYouMean(v.Value, allowed)}",
                v.Location);
        }
    }

    public static void Require<T>(this ValidationContext<T> context, object? value, string key, SourceLocation owner, string what)
    {
        if (value is null)
        {
            context.Report(DiagnosticCodes.MissingKey, $"{what} needs '{key}'", owner);
        }
    }
}
