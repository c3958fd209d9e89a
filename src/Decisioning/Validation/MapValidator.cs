using Decisioning.Diagnostics;
using Decisioning.Model;
using FluentValidation;
using FluentValidation.Results;

namespace Decisioning.Validation;

/// <summary>
/// Checks a whole <see cref="MapDocument"/>: the map's own keys, id uniqueness per section, and
/// each section through its own validator. Every failure is collected; nothing stops early.
/// Built once per process (<see cref="Instance"/>): validators are immutable once built, and a
/// validation gives them the map's ids in its context (<see cref="MapSymbols.ContextKey"/>).
/// </summary>
internal sealed class MapValidator : AbstractValidator<MapDocument>
{
    /// <summary>The validator every load uses.</summary>
    public static MapValidator Instance { get; } = new();

    private MapValidator()
    {
        RuleFor(x => x).Custom((doc, ctx) =>
        {
            if (doc.Id is null)
            {
                ctx.Report(DiagnosticCodes.MissingKey, "the map needs 'map:' with its id", doc.Location);
            }
            else
            {
                ctx.CheckId(doc.Id, doc.Location, "the map");
            }

            Duplicates(ctx, doc.Tiers.Select(x => x.Id), "tier");
            Duplicates(ctx, doc.Lifecycle.Select(x => x.Id), "lifecycle stage");
            Duplicates(ctx, doc.Segments.Select(x => x.Id), "segment");
            Duplicates(ctx, doc.Objectives.Select(x => x.Id), "objective");
            Duplicates(ctx, doc.Products.Select(x => x.Id), "product");
            Duplicates(ctx, doc.Channels.Select(x => x.Id), "channel");
            Duplicates(ctx, doc.Scripts.Select(x => x.Id), "script");
            Duplicates(ctx, doc.Scenarios.Select(x => x.Id), "scenario");
            Duplicates(ctx, doc.Strategies.Select(x => x.Id), "strategy");
            Duplicates(ctx, doc.Models.Select(x => x.Id), "model");
            Duplicates(ctx, doc.Suppression.Select(x => x.Id), "suppression rule");
            CheckFallback(ctx, doc);
            Duplicates(ctx, doc.Customer.Fields.Select(x => (Located<string>?)x.Name), "customer field");
            Duplicates(ctx, doc.Customer.Events.Select(x => (Located<string>?)x.Id), "event");
            if (doc.Strategies.Count == 0)
            {
                ctx.Warn(DiagnosticCodes.EmptyMap, "the map has no strategies: every decision will be empty", doc.Location);
            }
        });

        // Every section's items through their validators, in this order, as one rule: a reload runs it
        // with the previous load's failures of unchanged items (see Each).
        var sections = new List<Action<MapDocument, ValidationContext<MapDocument>, ReuseTable<(object, string), ValidationFailure[]>?>>
        {
            Each(x => [x.Customer], new CustomerSchemaValidator(), "customer"),
            Each(x => x.Tiers, new RuleDeclValidator("a tier"), "tier"),
            Each(x => x.Lifecycle, new RuleDeclValidator("a lifecycle stage"), "stage"),
            Each(x => x.Segments, new SegmentValidator(), "segment"),
            Each(x => x.Objectives, new ObjectiveValidator(), "objective"),
            Each(x => x.Products, new ProductValidator(), "product"),
            Each(x => x.Channels, new ChannelValidator(), "channel"),
            Each(x => x.Scripts, new ScriptValidator(), "script"),
            Each(x => x.Scenarios, new ScenarioValidator(), "scenario"),
            Each(x => x.Strategies, new StrategyValidator(), "strategy"),
            Each(x => x.Models, new ModelValidator(), "model"),
            Each(x => [x.Arbitration], new ArbitrationValidator(), "arbitration"),
            Each(x => x.Suppression, new SuppressionValidator(), "suppression"),
            Each(x => x.Experiment is { } experiment ? [experiment] : [], new ExperimentValidator(), "experiment"),
        };
        RuleFor(x => x).Custom((doc, ctx) =>
        {
            var reuse = ctx.RootContextData.TryGetValue(ReuseKey, out var table) ? (ReuseTable<(object, string), ValidationFailure[]>)table : null;
            foreach (var section in sections)
            {
                section(doc, ctx, reuse);
            }
        });
    }

    /// <summary>The key of <see cref="ValidationContext{T}.RootContextData"/> under which a load passes the previous load's item failures.</summary>
    public const string ReuseKey = "decisioning.reuse";

    // Each item of a section through its validator, in order; an item the previous load validated
    // (the same declaration object, against the same ids: see MapValidation) gives its failures again.
    private static Action<MapDocument, ValidationContext<MapDocument>, ReuseTable<(object, string), ValidationFailure[]>?> Each<T>(
        Func<MapDocument, IReadOnlyList<T>> items, IValidator<T> validator, string kind)
        where T : class =>
        (doc, ctx, reuse) =>
        {
            foreach (var item in items(doc))
            {
                if (reuse is null || !reuse.TryGet((item, kind), out var failures))
                {
                    var context = new ValidationContext<T>(item);
                    context.RootContextData[MapSymbols.ContextKey] = MapSymbols.In(ctx);
                    failures = [.. validator.Validate(context).Errors];
                    reuse?.Add((item, kind), failures);
                }

                foreach (var failure in failures)
                {
                    ctx.AddFailure(failure);
                }
            }
        };

    // arbitration.fallback names a strategy that can be returned: one that exists and targets someone.
    private static void CheckFallback(ValidationContext<MapDocument> ctx, MapDocument doc)
    {
        if (doc.Arbitration.Fallback is not { } fallback)
        {
            return;
        }

        var strategy = doc.Strategies.FirstOrDefault(s => s.Id?.Value == fallback.Value);
        if (strategy is null)
        {
            ctx.Report(DiagnosticCodes.UnknownReference,
                $"unknown fallback strategy '{fallback.Value}'" +
                Parsing.Suggestions.DidYouMean(fallback.Value, doc.Strategies.Where(s => s.Id is not null).Select(s => s.Id!.Value.Value)),
                fallback.Location);
            return;
        }

        var segments = doc.Segments.Where(s => s.Id is not null).Select(s => s.Id!.Value.Value).ToHashSet(StringComparer.Ordinal);
        if (strategy.TargetWritten && !strategy.Target.Any(t => t.Value == "all" || segments.Contains(t.Value)))
        {
            ctx.Report(DiagnosticCodes.BadValue,
                $"fallback strategy '{fallback.Value}' targets no one (its 'target' names no segment); a fallback must be able to reach a customer",
                fallback.Location);
        }
    }

    /// <summary>A repeated id is reported where it is repeated, naming the first place.</summary>
    private static void Duplicates(ValidationContext<MapDocument> ctx, IEnumerable<Located<string>?> ids, string kind)
    {
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (id is not { } value)
            {
                continue;
            }

            if (!first.TryAdd(value.Value, value.Location))
            {
                ctx.Report(DiagnosticCodes.DuplicateId,
                    $"{kind} '{value.Value}' is already declared at {first[value.Value]}", value.Location);
            }
        }
    }
}
