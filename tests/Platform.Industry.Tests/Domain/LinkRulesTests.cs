using Platform.Contracts.Registry;
using Platform.Industry.Domain;

namespace Platform.Industry.Tests.Domain;

/// <summary>Benefit links (利益联结) and their payments.</summary>
public class LinkRulesTests
{
    /// <summary>"dividend (property income), wage (wage income), land lease (property income), contract purchase (business income)".</summary>
    [Theory]
    [InlineData(LinkKind.Dividend, IncomeKind.Property)]
    [InlineData(LinkKind.Wage, IncomeKind.Wage)]
    [InlineData(LinkKind.LandLease, IncomeKind.Property)]
    [InlineData(LinkKind.ContractPurchase, IncomeKind.Business)]
    public void Each_kind_of_link_pays_its_kind_of_income(LinkKind kind, IncomeKind income)
    {
        Assert.Equal(income, LinkRules.IncomeKindOf(kind));
        Assert.Equal((income, true), IncomeRules.Of(IncomeSource.LinkPayment, kind));
    }

    [Fact]
    public void A_link_is_with_a_current_member_and_starts_no_later_than_today()
    {
        var born = new DateOnly(1980, 1, 1);
        Assert.True(LinkRules.CanLink(LinkKind.Dividend, memberIsCurrent: true, born, Rules.Today, Rules.Today).Succeeded);
        Assert.Equal("memberId", LinkRules.CanLink(LinkKind.Dividend, memberIsCurrent: false, born, Rules.Today, Rules.Today).Field);
        Assert.Equal("startedOn", LinkRules.CanLink(LinkKind.Dividend, memberIsCurrent: true, born, Rules.Today.AddDays(1), Rules.Today).Field);
    }

    /// <summary>Counted in years of birth: the day a link starts (the caller's choice) must not find a member's birthday.</summary>
    [Fact]
    public void The_worker_of_a_wage_link_turns_16_in_the_year_it_starts_but_a_child_may_hold_a_dividend()
    {
        var born = new DateOnly(2011, 6, 1);
        var wage = LinkRules.CanLink(LinkKind.Wage, memberIsCurrent: true, born, new DateOnly(2026, 12, 31), new DateOnly(2027, 6, 1));
        Assert.Equal("memberId", wage.Field);
        Assert.Contains("16", wage.Error, StringComparison.Ordinal);
        var answers = Enumerable.Range(0, 152).Select(d => new DateOnly(2027, 1, 1).AddDays(d))
            .Select(day => LinkRules.CanLink(LinkKind.Wage, memberIsCurrent: true, born, day, new DateOnly(2027, 6, 1)).Succeeded).Distinct().ToList();
        Assert.Equal([true], answers);
        Assert.True(LinkRules.CanLink(LinkKind.Dividend, memberIsCurrent: true, born, new DateOnly(2020, 1, 1), Rules.Today).Succeeded);
    }

    /// <summary>"Each payment is one income record in the registry, counted once": above 0, in fen, while the link was open, not in the future.</summary>
    [Fact]
    public void A_payment_is_positive_in_fen_and_falls_while_the_link_was_open()
    {
        var link = Rules.Link(startedOn: new DateOnly(2019, 3, 1));
        Assert.True(LinkRules.CanPay(link, new DateOnly(2020, 12, 20), 800m, Rules.Today).Succeeded);
        Assert.Equal("amount", LinkRules.CanPay(link, new DateOnly(2020, 12, 20), 0m, Rules.Today).Field);
        Assert.Equal("amount", LinkRules.CanPay(link, new DateOnly(2020, 12, 20), -5m, Rules.Today).Field);
        Assert.Equal("amount", LinkRules.CanPay(link, new DateOnly(2020, 12, 20), 800.005m, Rules.Today).Field);
        Assert.Equal("paidOn", LinkRules.CanPay(link, new DateOnly(2019, 2, 28), 800m, Rules.Today).Field);
        Assert.Equal("paidOn", LinkRules.CanPay(link, Rules.Today.AddDays(1), 800m, Rules.Today).Field);

        link.End(new DateOnly(2021, 6, 30), "合同到期");
        Assert.True(LinkRules.CanPay(link, new DateOnly(2021, 6, 30), 800m, Rules.Today).Succeeded);
        Assert.Contains("已于2021-06-30终止", LinkRules.CanPay(link, new DateOnly(2021, 7, 1), 800m, Rules.Today).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ended_link_stays_ended_and_never_ends_before_it_started()
    {
        var link = Rules.Link(startedOn: new DateOnly(2020, 1, 1));
        link.End(new DateOnly(2019, 1, 1), "成员减少（died）");
        Assert.Equal(new DateOnly(2020, 1, 1), link.EndedOn);
        link.End(new DateOnly(2022, 1, 1), "again");
        Assert.Equal((new DateOnly(2020, 1, 1), "成员减少（died）"), (link.EndedOn, link.EndReason));
    }
}
