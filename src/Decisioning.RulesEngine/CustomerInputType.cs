using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using System.Reflection;
using Decisioning.Evaluation;
using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.RulesEngine;

/// <summary>
/// The <c>customer</c> input of one map version: a runtime class with one typed property per
/// declared field (and id, holdings, segments, tier, stage), and a compiled delegate that fills
/// one from a decision. RulesEngine compiles a workflow per input type, so typed properties give
/// it typed expressions (<c>customer.age &gt; 17</c> compares ints), as the map's own do.
/// </summary>
internal sealed class CustomerInputType
{
    private readonly Func<PolicyReview, object> _create;

    private CustomerInputType(Type type, Func<PolicyReview, object> create)
    {
        Type = type;
        _create = create;
    }

    public Type Type { get; }

    /// <summary>The customer of <paramref name="review"/> as a workflow input.</summary>
    public object Create(PolicyReview review) => _create(review);

    /// <summary>A customer with every property at its default, to compile workflows before the first decision.</summary>
    public object Blank() => Activator.CreateInstance(Type)!;

    public static CustomerInputType For(RowLayout customer)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var properties = new List<DynamicProperty>();
        foreach (var field in customer.Fields)
        {
            if (names.Add(field.Name))
            {
                properties.Add(new DynamicProperty(field.Name, field.ClrType));
            }
        }

        // The decision's own names; a declared field of the same name (case aside) keeps its place.
        var extras = new (string Name, Type Type)[]
        {
            ("id", typeof(string)), ("holdings", typeof(IReadOnlyList<string>)), ("segments", typeof(IReadOnlyList<string>)),
            ("tier", typeof(string)), ("stage", typeof(string)),
        };
        foreach (var (name, type) in extras)
        {
            if (names.Add(name))
            {
                properties.Add(new DynamicProperty(name, type));
            }
        }

        var runtimeType = DynamicClassFactory.CreateType(properties, createParameterCtor: false);
        return new CustomerInputType(runtimeType, Filler(runtimeType, customer, names));
    }

    /// <summary><c>review =&gt; new T { age = review.Customer.Values.Int[0], ..., segments = review.Segments }</c>.</summary>
    private static Func<PolicyReview, object> Filler(Type type, RowLayout layout, IReadOnlySet<string> names)
    {
        var review = Expression.Parameter(typeof(PolicyReview), "review");
        var record = Expression.Property(review, nameof(PolicyReview.Customer));
        var values = Expression.Property(record, nameof(CustomerRecord.Values));
        var bindings = new List<MemberBinding>();
        var bound = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        void Bind(string name, Expression value)
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!;
            bindings.Add(Expression.Bind(property, Expression.Convert(value, property.PropertyType)));
        }

        foreach (var field in layout.Fields)
        {
            if (bound.Add(field.Name))
            {
                Bind(field.Name, Expression.ArrayIndex(Expression.Field(values, field.ArrayName), Expression.Constant(field.Slot)));
            }
        }

        void Extra(string name, Expression value)
        {
            if (bound.Add(name) && names.Contains(name))
            {
                Bind(name, value);
            }
        }

        Extra("id", Expression.Property(record, nameof(CustomerRecord.Id)));
        Extra("holdings", Expression.Property(record, nameof(CustomerRecord.Holdings)));
        Extra("segments", Expression.Property(review, nameof(PolicyReview.Segments)));
        Extra("tier", Expression.Property(review, nameof(PolicyReview.Tier)));
        Extra("stage", Expression.Property(review, nameof(PolicyReview.Stage)));
        var body = Expression.MemberInit(Expression.New(type), bindings);
        return Expression.Lambda<Func<PolicyReview, object>>(Expression.Convert(body, typeof(object)), review).Compile();
    }

    /// <summary>The input type for <paramref name="plan"/>: one per distinct field layout.</summary>
    public static CustomerInputType For(DecisionPlan plan) => For(plan.Customer);
}
