using Decisioning.Diagnostics;
using Decisioning.Model;
using FluentValidation;

namespace Decisioning.Validation;

/// <summary>Names an expression or Liquid template may not use as a field name.</summary>
internal static class ReservedNames
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "holdings", "segments", "tier", "stage", "event", "events", "contacts", "it", "parent", "root",
        "true", "false", "null", "new", "iif", "np", "and", "or", "not", "in", "as", "is",
    };
}

internal sealed class CustomerSchemaValidator : AbstractValidator<CustomerSchemaDecl>
{
    public CustomerSchemaValidator()
    {
        RuleFor(x => x).Custom((schema, ctx) =>
        {
            foreach (var field in schema.Fields)
            {
                CheckField(ctx, field, "customer field");
            }

            foreach (var e in schema.Events)
            {
                if (!Syntax.IsId(e.Id.Value))
                {
                    ctx.Report(DiagnosticCodes.BadId, $"'{e.Id.Value}' is not a valid event id ([a-z0-9][a-z0-9-]*)", e.Id.Location);
                }

                foreach (var field in e.Fields)
                {
                    CheckField(ctx, field, $"field of event '{e.Id.Value}'");
                }
            }

            if (schema.IdField is { } id && !Syntax.IsFieldName(id.Value))
            {
                ctx.Report(DiagnosticCodes.BadId, $"'{id.Value}' is not a valid key field name", id.Location);
            }
        });
    }

    private static void CheckField(ValidationContext<CustomerSchemaDecl> ctx, FieldDecl field, string what)
    {
        if (!Syntax.IsFieldName(field.Name.Value))
        {
            ctx.Report(DiagnosticCodes.BadId, $"'{field.Name.Value}' is not a valid {what} name (letters, digits, _)", field.Name.Location);
        }
        else if (ReservedNames.All.Contains(field.Name.Value))
        {
            ctx.Report(DiagnosticCodes.BadId, $"'{field.Name.Value}' is a reserved name and cannot be a {what}", field.Name.Location);
        }

        if (!FieldType.TryParse(field.Type.Value, out _))
        {
            ctx.Report(DiagnosticCodes.UnknownFieldType,
                $"unknown field type '{field.Type.Value}': use string, int, decimal, bool or date, with ? for optional" +
                Parsing.Suggestions.DidYouMean(field.Type.Value.TrimEnd('?'), FieldType.Names),
                field.Type.Location);
        }
    }
}

internal sealed class RuleDeclValidator : AbstractValidator<RuleDecl>
{
    public RuleDeclValidator(string what) => RuleFor(x => x).Custom((rule, ctx) =>
    {
        ctx.CheckId(rule.Id, rule.Location, what);
        ctx.Require(rule.When, "when", rule.Location, what);
    });
}

internal sealed class SegmentValidator : AbstractValidator<SegmentDecl>
{
    public SegmentValidator() => RuleFor(x => x).Custom((segment, ctx) =>
    {
        ctx.CheckId(segment.Id, segment.Location, "a segment");
        if ((segment.When is null) == (segment.List is null))
        {
            ctx.Report(DiagnosticCodes.MissingKey, "a segment needs exactly one of 'when' and 'list'", segment.Location);
        }
    });
}

internal sealed class ObjectiveValidator : AbstractValidator<ObjectiveDecl>
{
    public static readonly IReadOnlyList<string> Kinds = ["scale", "customers", "fee-income"];

    public ObjectiveValidator() => RuleFor(x => x).Custom((objective, ctx) =>
    {
        ctx.CheckId(objective.Id, objective.Location, "an objective");
        ctx.CheckOneOf(objective.Kind, Kinds, "objective kind");
        ctx.CheckRange(objective.Weight, 0, Bounds.MaxWeight, "an objective's weight");
    });
}

internal sealed class ProductValidator : AbstractValidator<ProductDecl>
{
    public ProductValidator() => RuleFor(x => x).Custom((product, ctx) =>
    {
        ctx.CheckId(product.Id, product.Location, "a product");
        ctx.CheckRange(product.Value, 0, Bounds.MaxValue, "a product's value");
    });
}

internal sealed class ChannelValidator : AbstractValidator<ChannelDecl>
{
    public ChannelValidator() => RuleFor(x => x).Custom((channel, ctx) =>
    {
        ctx.CheckId(channel.Id, channel.Location, "a channel");
        if (channel.ContactPolicy is { } policy)
        {
            ctx.Require(policy.Max, "max", policy.Location, "a contact policy");
            ctx.Require(policy.Per, "per", policy.Location, "a contact policy");
            Positive(ctx, policy.Max, 0, "a contact policy's max");
            ctx.CheckDuration(policy.Per, "a contact policy's 'per'");
        }

        Positive(ctx, channel.CapacityPerDay, 0, "a channel's capacity.perDay");
        Positive(ctx, channel.MaxLength, 1, "a channel's maxLength");
    });

    private static void Positive(ValidationContext<ChannelDecl> ctx, Located<long>? value, long min, string what)
    {
        if (value is { } v && v.Value < min)
        {
            ctx.Report(DiagnosticCodes.OutOfRange, $"{what} must be >= {min}, not {v.Value}", v.Location);
        }
    }
}

internal sealed class ScriptValidator : AbstractValidator<ScriptDecl>
{
    public ScriptValidator() => RuleFor(x => x).Custom((script, ctx) =>
    {
        ctx.CheckId(script.Id, script.Location, "a script");
        ctx.Require(script.Text, "text", script.Location, "a script");
    });
}

/// <summary>A suppression rule (spec section 10).</summary>
internal sealed class SuppressionValidator : AbstractValidator<SuppressionDecl>
{
    public static readonly IReadOnlyList<string> Counts = ["responded", "declined", "converted", "sent"];
    public static readonly IReadOnlyList<string> Scopes = ["strategy", "product", "all"];

    public SuppressionValidator() => RuleFor(x => x).Custom((rule, ctx) =>
    {
        ctx.CheckId(rule.Id, rule.Location, "a suppression rule");
        ctx.Require(rule.Count, "count", rule.Location, "a suppression rule");
        ctx.CheckOneOf(rule.Count, Counts, "count");
        if (rule.AtLeast is { } atLeast && atLeast.Value < 1)
        {
            ctx.Report(DiagnosticCodes.OutOfRange, $"atLeast must be >= 1, not {atLeast.Value}", atLeast.Location);
        }

        ctx.CheckDuration(rule.Within, "within");
        ctx.CheckOneOf(rule.Scope, Scopes, "scope");
        ctx.Require(rule.Pause, "pause", rule.Location, "a suppression rule");
        ctx.CheckDuration(rule.Pause, "pause");
    });
}

internal sealed class ArbitrationValidator : AbstractValidator<ArbitrationDecl>
{
    public ArbitrationValidator() => RuleFor(x => x).Custom((arbitration, ctx) =>
    {
        if (arbitration.MaxActions is { } max && max.Value < 1)
        {
            ctx.Report(DiagnosticCodes.OutOfRange, $"maxActions must be >= 1, not {max.Value}", max.Location);
        }
    });
}

internal sealed class ExperimentValidator : AbstractValidator<ExperimentDecl>
{
    public static readonly IReadOnlyList<string> Policies = ["none", "random", "priority"];

    public ExperimentValidator() => RuleFor(x => x).Custom((experiment, ctx) =>
    {
        ctx.CheckId(experiment.Id, experiment.Location, "the experiment");
        ctx.Require(experiment.Control, "control", experiment.Location, "the experiment");
        ctx.CheckRange(experiment.Control, 0, 1, "the experiment's control share");
        ctx.CheckOneOf(experiment.ControlPolicy, Policies, "controlPolicy");
    });
}
