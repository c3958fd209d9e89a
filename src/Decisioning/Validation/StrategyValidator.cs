using Decisioning.Diagnostics;
using Decisioning.Model;
using FluentValidation;

namespace Decisioning.Validation;

/// <summary>A strategy: its references, ranges, durations and campaign window.</summary>
internal sealed class StrategyValidator : AbstractValidator<StrategyDecl>
{
    public StrategyValidator() => RuleFor(x => x).Custom((s, ctx) =>
    {
        var symbols = MapSymbols.In(ctx);
        ctx.CheckId(s.Id, s.Location, "a strategy");
        foreach (var target in s.Target)
        {
            if (target.Value != "all")
            {
                ctx.CheckReference(target, symbols.Segments, "segment");
            }
        }

        ctx.CheckReference(s.Objective, symbols.Objectives, "objective");
        ctx.CheckReference(s.Scenario, symbols.Scenarios, "scenario");
        ctx.Require(s.Product, "product", s.Location, "a strategy");
        ctx.CheckReference(s.Product, symbols.Products, "product");
        if (s.Channels.Count == 0)
        {
            ctx.Report(DiagnosticCodes.MissingKey, "a strategy needs 'channels', a list of channel ids in preference order", s.Location);
        }

        foreach (var channel in s.Channels)
        {
            ctx.CheckReference(channel, symbols.Channels, "channel");
        }

        CheckScripts(ctx, s.Scripts, s.Channels, symbols, "this strategy's channels");
        CheckWaves(ctx, s, symbols);

        ctx.CheckRange(s.Priority, 0, 100, "priority");
        if (s.Propensity is { } propensity)
        {
            ctx.CheckRange(propensity.Constant, 0, 1, "propensity");
            ctx.CheckReference(propensity.Model, symbols.Models, "model");
            if (propensity.Constant is null && propensity.Model is null)
            {
                ctx.Report(DiagnosticCodes.BadValue, "propensity must be a number in 0..1 or { model: ID }", propensity.Location);
            }
        }

        ctx.CheckDuration(s.Cooldown, "cooldown");
        if (s.Active is { } active)
        {
            CheckWindow(ctx, active);
        }
    });

    private static void CheckScripts(
        ValidationContext<StrategyDecl> ctx, IReadOnlyList<ScriptChoiceDecl> scripts, IReadOnlyList<Located<string>> channels, MapSymbols symbols, string whose)
    {
        var listed = channels.Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var choice in scripts)
        {
            if (!listed.Contains(choice.Channel.Value))
            {
                ctx.Report(DiagnosticCodes.UnknownReference,
                    $"script given for channel '{choice.Channel.Value}', which is not in {whose}" +
                    Parsing.Suggestions.DidYouMean(choice.Channel.Value, listed),
                    choice.Channel.Location);
            }

            ctx.CheckReference(choice.Script, symbols.Scripts, "script");
        }
    }

    // Spec section 9: each wave's delay, channels and scripts; stopOn's kinds.
    private static void CheckWaves(ValidationContext<StrategyDecl> ctx, StrategyDecl s, MapSymbols symbols)
    {
        for (var i = 0; i < s.Waves.Count; i++)
        {
            var wave = s.Waves[i];
            var name = $"wave {i + 2}";
            ctx.Require(wave.After, "after", wave.Location, name);
            ctx.CheckDuration(wave.After, $"'after' of {name}");
            if (wave.Channels is { Count: 0 })
            {
                ctx.Report(DiagnosticCodes.MissingKey, $"{name} has an empty 'channels'; leave it out to use wave 1's channels", wave.Location);
            }

            foreach (var channel in wave.Channels ?? [])
            {
                ctx.CheckReference(channel, symbols.Channels, "channel");
            }

            CheckScripts(ctx, wave.Scripts ?? [], wave.Channels ?? s.Channels, symbols, $"the channels of {name}");
        }

        foreach (var kind in s.StopOn ?? [])
        {
            ctx.CheckOneOf(kind, Runtime.ResponseRecord.Kinds, "stopOn kind");
        }

        if (s.Waves.Count > 0 && s.Cooldown is null && s.Id is { } strategyId)
        {
            ctx.Warn(DiagnosticCodes.BadValue,
                $"strategy '{strategyId.Value}' has waves but no 'cooldown': a stopping response pauses nothing, and after the last wave a new sequence starts at once",
                s.Waves[0].Location);
        }

        if (s.StopOn is not null && s.Waves.Count == 0 && s.Id is { } id)
        {
            ctx.Warn(DiagnosticCodes.BadValue, $"strategy '{id.Value}' has 'stopOn' but no 'waves': it has no sequence to stop", s.StopOn.Count > 0 ? s.StopOn[0].Location : s.Location);
        }
    }

    private static void CheckWindow(ValidationContext<StrategyDecl> ctx, ActiveWindowDecl active)
    {
        DateTime? from = Date(ctx, active.From, "active.from");
        DateTime? to = Date(ctx, active.To, "active.to");
        if (from is { } f && to is { } t && f >= t)
        {
            ctx.Report(DiagnosticCodes.OutOfRange, "active.from must be before active.to (the window is [from, to))", active.Location);
        }
    }

    private static DateTime? Date(ValidationContext<StrategyDecl> ctx, Located<MapInstant>? text, string what)
    {
        if (text is not { } t)
        {
            return null;
        }

        if (t.Value.Utc is { } value)
        {
            return value;
        }

        ctx.Report(DiagnosticCodes.BadDate, $"{what} '{t.Value}' is not an ISO-8601 date or date-time, such as 2026-11-01", t.Location);
        return null;
    }
}

/// <summary>A scenario: its kind and the references and durations that kind needs.</summary>
internal sealed class ScenarioValidator : AbstractValidator<ScenarioDecl>
{
    public static readonly IReadOnlyList<string> Kinds = ["lifecycle", "product", "event", "always"];

    public ScenarioValidator() => RuleFor(x => x).Custom((s, ctx) =>
    {
        var symbols = MapSymbols.In(ctx);
        ctx.CheckId(s.Id, s.Location, "a scenario");
        ctx.Require(s.Kind, "kind", s.Location, "a scenario");
        ctx.CheckOneOf(s.Kind, Kinds, "scenario kind");
        foreach (var stage in s.Stages)
        {
            ctx.CheckReference(stage, symbols.Stages, "lifecycle stage");
        }

        foreach (var product in s.Lacks.Concat(s.Holds))
        {
            ctx.CheckReference(product, symbols.Products, "product");
        }

        ctx.CheckReference(s.Event, symbols.Events, "event");
        ctx.CheckDuration(s.Within, "within");
        switch (s.Kind?.Value)
        {
            case "event":
                ctx.Require(s.Event, "event", s.Location, "an event scenario");
                break;
            case "lifecycle" when s.Stages.Count == 0:
                ctx.Report(DiagnosticCodes.MissingKey, "a lifecycle scenario needs 'stages'", s.Location);
                break;
        }

        if (s.When is { } when && s.Kind?.Value is not "event")
        {
            ctx.Report(DiagnosticCodes.BadValue, "'when' applies to event scenarios only; put the condition on the strategy", when.Location);
        }
    });
}

/// <summary>A propensity model of spec section 8.</summary>
internal sealed class ModelValidator : AbstractValidator<ModelDecl>
{
    public static readonly IReadOnlyList<string> Kinds = ["logistic", "host", "adaptive"];

    public ModelValidator() => RuleFor(x => x).Custom((m, ctx) =>
    {
        var symbols = MapSymbols.In(ctx);
        ctx.CheckId(m.Id, m.Location, "a model");
        ctx.Require(m.Kind, "kind", m.Location, "a model");
        ctx.CheckOneOf(m.Kind, Kinds, "model kind");
        if (m.Kind?.Value == "host" && m.Id is { } id && !symbols.HostModels.Contains(id.Value))
        {
            ctx.Report(DiagnosticCodes.HostModelMissing,
                $"host model '{id.Value}' is not supplied by the host (the command line supplies none)", m.Kind.Value.Location);
        }

        AdaptiveModelValidator.Check(ctx, m, symbols);

        if (m.Kind?.Value != "logistic")
        {
            return;
        }

        ctx.CheckRange(m.Intercept, -Bounds.MaxCoefficient, Bounds.MaxCoefficient, "a logistic model's intercept");
        foreach (var c in m.Coefficients)
        {
            ctx.CheckRange(c.Weight, -Bounds.MaxCoefficient, Bounds.MaxCoefficient, $"the coefficient of '{c.Field.Value}'");
            if (!symbols.Fields.TryGetValue(c.Field.Value, out var type))
            {
                ctx.Report(DiagnosticCodes.ModelCoefficient,
                    $"coefficient names '{c.Field.Value}', which is not a customer field" +
                    Parsing.Suggestions.DidYouMean(c.Field.Value, symbols.Fields.Keys),
                    c.Field.Location);
            }
            else if (!type.IsNumericOrBool)
            {
                ctx.Report(DiagnosticCodes.ModelCoefficient,
                    $"coefficient names '{c.Field.Value}' of type {type}; a logistic model takes int, decimal or bool fields",
                    c.Field.Location);
            }
        }
    });
}
