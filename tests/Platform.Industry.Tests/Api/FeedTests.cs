using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Grpc.Industry.V1;
using Platform.Contracts.Registry;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.People;
using Platform.Testing;

namespace Platform.Industry.Tests.Api;

/// <summary>
/// The departmental feeds over real HTTP/2 (h2c): one summary per stream with a verdict per refused record, nothing of a
/// refused record written, records sent again recognised (unchanged or corrected in place), people matched by ID number
/// and name with one neutral verdict, and only county staff and the pillar's departments as callers.
/// </summary>
public sealed class FeedTests(IndustryFixture fixture) : IClassFixture<IndustryFixture>
{
    private static string NewCode(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    private AgricultureFeeds.AgricultureFeedsClient Agriculture(string? token = null) =>
        new(fixture.Host.CreateGrpcChannel(token ?? TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: "industry")));

    private EmploymentFeeds.EmploymentFeedsClient Employment(string? token = null) =>
        new(fixture.Host.CreateGrpcChannel(token ?? TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: "industry")));

    private static EntityRecord Cooperative(string code, string name = "房县中药材专业合作社") => new()
    {
        ClientRef = code, Code = code, Kind = "cooperative", Name = name, VillageCode = Registry.VillageCode, Industry = "herbs", Model = "herbs-three-gold",
    };

    [Fact]
    public async Task Entities_are_created_recognised_when_sent_again_updated_when_changed_and_a_bad_record_is_refused_alone()
    {
        var code = NewCode("E");
        var workshop = NewCode("W");
        var first = await IndustryFixture.StreamAsync(
            Agriculture().ImportEntities(),
            Cooperative(code),
            new EntityRecord { ClientRef = "w", Code = workshop, Kind = "workshop", Name = "安置点扶贫车间", VillageCode = Registry.VillageCode, Industry = "edible-fungi", WorkshopSite = "resettlement-site", SiteId = Guid.NewGuid().ToString() },
            new EntityRecord { ClientRef = "bad-kind", Code = NewCode("X"), Kind = "farm", Name = "某农场", VillageCode = Registry.VillageCode, Industry = "tea" },
            new EntityRecord { ClientRef = "bad-village", Code = NewCode("X"), Kind = "family-farm", Name = "某农场", VillageCode = "4203", Industry = "tea" });
        Assert.Equal((4, 2, 2, 2), (first.Received, first.Accepted, first.Rejected, first.Created));
        Assert.Equal(["kind", "village_code"], first.Rejections.Select(r => r.Field));
        Assert.Equal(["bad-kind", "bad-village"], first.Rejections.Select(r => r.ClientRef));

        var again = await IndustryFixture.StreamAsync(Agriculture().ImportEntities(), Cooperative(code), Cooperative(code, "房县中药材种植专业合作社"));
        Assert.Equal((2, 0, 1, 1), (again.Accepted, again.Created, again.Unchanged, again.Corrected));
        Assert.Equal("房县中药材种植专业合作社", await fixture.QueryAsync(db => db.Entities.Where(e => e.Code == code).Select(e => e.Name).SingleAsync()));
        Assert.Equal(2, await fixture.QueryAsync(db => db.Entities.CountAsync(e => e.Code == code || e.Code == workshop)));
    }

    [Fact]
    public async Task Bases_carry_area_or_head_by_their_industry_and_name_an_entity_that_exists()
    {
        var entity = NewCode("E");
        await IndustryFixture.StreamAsync(Agriculture().ImportEntities(), Cooperative(entity));
        var summary = await IndustryFixture.StreamAsync(
            Agriculture().ImportBases(),
            new BaseRecord { ClientRef = "herbs", Code = NewCode("B"), Name = "天麻基地", Industry = "herbs", VillageCode = Registry.VillageCode, AreaMu = "320.5", EntityCode = entity },
            new BaseRecord { ClientRef = "goats", Code = NewCode("B"), Name = "山羊基地", Industry = "goats", VillageCode = Registry.VillageCode, Head = 850 },
            new BaseRecord { ClientRef = "no-area", Code = NewCode("B"), Name = "茶园", Industry = "tea", VillageCode = Registry.VillageCode, Head = 10 },
            new BaseRecord { ClientRef = "bad-area", Code = NewCode("B"), Name = "茶园", Industry = "tea", VillageCode = Registry.VillageCode, AreaMu = "12,5" },
            new BaseRecord { ClientRef = "no-entity", Code = NewCode("B"), Name = "茶园", Industry = "tea", VillageCode = Registry.VillageCode, AreaMu = "12.5", EntityCode = "NOPE" });
        Assert.Equal((2, 3), (summary.Created, summary.Rejected));
        Assert.Equal(["area_mu", "area_mu", "entity_code"], summary.Rejections.Select(r => r.Field));
    }

    [Fact]
    public async Task A_payment_is_one_income_record_sent_again_unchanged_and_a_changed_amount_corrects_the_same_record()
    {
        var holder = Registry.Member("之子", 36, "陈家宝");
        var household = await fixture.RegisterAsync(others: [holder]);
        var entity = NewCode("E");
        await IndustryFixture.StreamAsync(Agriculture().ImportEntities(), Cooperative(entity));
        var link = new LinkRecord { ClientRef = "l1", EntityCode = entity, Kind = "land-lease", IdNumber = holder.IdNumber, Name = holder.Name, StartedOn = "2017-03-01" };
        Assert.Equal(1, (await IndustryFixture.StreamAsync(Agriculture().ImportLinks(), link)).Created);
        Assert.Equal(1, (await IndustryFixture.StreamAsync(Agriculture().ImportLinks(), link)).Unchanged);

        var payment = new PaymentRecord
        {
            ClientRef = "p1", EntityCode = entity, LinkKind = "land-lease", IdNumber = holder.IdNumber, Name = holder.Name, Reference = "LZ-2019-88", PaidOn = "2019-12-30", AmountFen = 120_000,
        };
        Assert.Equal(1, (await IndustryFixture.StreamAsync(Agriculture().ImportPayments(), payment)).Created);
        var paymentId = await fixture.QueryAsync(db => db.Payments.Where(p => p.HouseholdId == household.HouseholdId).Select(p => p.Id).SingleAsync());
        var first = Assert.Single(await fixture.IncomeOfAsync(paymentId.ToString()));
        Assert.Equal((IncomeKind.Property, 1200m, 2019, true), (first.Kind, first.Amount, first.Year, first.CountsTowardExit));

        Assert.Equal(1, (await IndustryFixture.StreamAsync(Agriculture().ImportPayments(), payment)).Unchanged);
        var corrected = payment.Clone();
        corrected.AmountFen = 150_000;
        Assert.Equal(1, (await IndustryFixture.StreamAsync(Agriculture().ImportPayments(), corrected)).Corrected);
        Assert.Equal(0, await fixture.DrainAsync());
        Assert.Equal([1200m, 1500m], fixture.Incomes.Where(i => i.SourceRecordId == paymentId.ToString()).Select(i => i.Amount));
        Assert.Equal(1500m, await fixture.QueryAsync(db => db.Income.Where(i => i.SourceRecordId == paymentId).Select(i => i.Amount).SingleAsync()));
    }

    [Fact]
    public async Task A_person_is_matched_by_id_number_and_name_and_anyone_else_gets_one_neutral_verdict()
    {
        var holder = Registry.Member("之女", 25, "陈小燕");
        await fixture.RegisterAsync(others: [holder]);
        var entity = NewCode("E");
        await IndustryFixture.StreamAsync(Agriculture().ImportEntities(), Cooperative(entity));
        LinkRecord Link(string clientRef, string idNumber, string name) =>
            new() { ClientRef = clientRef, EntityCode = entity, Kind = "dividend", IdNumber = idNumber, Name = name, StartedOn = "2020-01-01" };
        var before = await fixture.RecordCountAsync();
        var summary = await IndustryFixture.StreamAsync(
            Agriculture().ImportLinks(),
            Link("wrong-name", holder.IdNumber, "陈小雁"),
            Link("unknown", Registry.NewIdNumber(new DateOnly(1990, 1, 1)), "张三"),
            Link("malformed", "42032519900101001", "张三"),
            Link("no-name", holder.IdNumber, " "));
        Assert.Equal(4, summary.Rejected);
        Assert.Equal(before, await fixture.RecordCountAsync());
        var byRef = summary.Rejections.ToDictionary(r => r.ClientRef);
        Assert.Equal((PersonMatching.IdNumberField, PersonMatching.NotFoundReason), (byRef["wrong-name"].Field, byRef["wrong-name"].Reason));
        Assert.Equal((PersonMatching.IdNumberField, PersonMatching.NotFoundReason), (byRef["unknown"].Field, byRef["unknown"].Reason));
        Assert.Equal(PersonMatching.IdNumberField, byRef["malformed"].Field);
        Assert.NotEqual(PersonMatching.NotFoundReason, byRef["malformed"].Reason);
        Assert.Equal(PersonMatching.NameField, byRef["no-name"].Field);
        Assert.Equal(1, (await IndustryFixture.StreamAsync(Agriculture().ImportLinks(), Link("right", holder.IdNumber, "陈小燕"))).Created);
    }

    [Fact]
    public async Task A_payment_without_a_link_or_outside_its_period_is_refused_and_good_records_of_the_same_stream_are_kept()
    {
        var holder = Registry.Member("配偶", 48, "林秀珍");
        await fixture.RegisterAsync(others: [holder]);
        var entity = NewCode("E");
        await IndustryFixture.StreamAsync(Agriculture().ImportEntities(), Cooperative(entity));
        await IndustryFixture.StreamAsync(
            Agriculture().ImportLinks(),
            new LinkRecord { ClientRef = "l", EntityCode = entity, Kind = "contract-purchase", IdNumber = holder.IdNumber, Name = holder.Name, StartedOn = "2020-04-01" });
        PaymentRecord Pay(string clientRef, string kind, string paidOn, long fen) => new()
        {
            ClientRef = clientRef, EntityCode = entity, LinkKind = kind, IdNumber = holder.IdNumber, Name = holder.Name, Reference = clientRef, PaidOn = paidOn, AmountFen = fen,
        };
        var summary = await IndustryFixture.StreamAsync(
            Agriculture().ImportPayments(),
            Pay("ok", "contract-purchase", "2020-10-10", 330_000),
            Pay("no-link", "dividend", "2020-10-10", 10_000),
            Pay("early", "contract-purchase", "2020-03-31", 10_000),
            Pay("zero", "contract-purchase", "2020-10-11", 0),
            Pay("ok-2", "contract-purchase", "2021-10-10", 280_000));
        Assert.Equal((2, 3), (summary.Created, summary.Rejected));
        Assert.Equal([("no-link", "link_kind"), ("early", "paid_on"), ("zero", "amount_fen")], summary.Rejections.Select(r => (r.ClientRef, r.Field)));
        Assert.Equal(2, await fixture.QueryAsync(db => db.Payments.CountAsync(p => p.Reference == "ok" || p.Reference == "ok-2" || p.Reference == "no-link" || p.Reference == "early" || p.Reference == "zero")));
    }

    [Fact]
    public async Task Projects_get_their_subsidy_and_a_changed_scale_corrects_it()
    {
        var grower = Registry.Member("之子", 40, "黄大勇");
        var household = await fixture.RegisterAsync(others: [grower]);
        var project = new ProjectRecord
        {
            ClientRef = "p", IdNumber = grower.IdNumber, Name = grower.Name, Industry = "goats", Model = "livestock-entrusted", Description = "托养山羊", Scale = "12", Year = 2019, Policy = "livestock",
        };
        Assert.Equal(1, (await IndustryFixture.StreamAsync(Agriculture().ImportProjects(), project)).Created);
        var summary = await IndustryFixture.StreamAsync(
            Agriculture().ImportProjects(),
            project,
            new ProjectRecord { ClientRef = "small", IdNumber = grower.IdNumber, Name = grower.Name, Industry = "goats", Description = "山羊", Scale = "3", Year = 2020, Policy = "livestock" });
        Assert.Equal((1, 1), (summary.Unchanged, summary.Rejected));
        Assert.Equal("scale", summary.Rejections[0].Field);
        var larger = project.Clone();
        larger.Scale = "30";
        Assert.Equal(1, (await IndustryFixture.StreamAsync(Agriculture().ImportProjects(), larger)).Corrected);
        var projectId = await fixture.QueryAsync(db => db.Projects.Where(p => p.HouseholdId == household.HouseholdId).Select(p => p.Id).SingleAsync());
        var reports = await fixture.IncomeOfAsync(projectId.ToString(), count: 2);
        Assert.Equal([2400m, 5000m], reports.Select(r => r.Amount));
        Assert.All(reports, r => Assert.Equal((IncomeKind.Transfer, false), (r.Kind, r.CountsTowardExit)));
    }

    [Fact]
    public async Task Employment_records_are_wage_income_corrected_when_sent_again_changed_and_never_more_than_12_months_a_year()
    {
        var worker = Registry.Member("之子", 28, "何小东");
        var household = await fixture.RegisterAsync(others: [worker]);
        EmploymentRecord Job(string clientRef, string kind, string employer, int months, long wageFen, string started = "2020-01-01") => new()
        {
            ClientRef = clientRef, IdNumber = worker.IdNumber, Name = worker.Name, Kind = kind, Employer = employer, StartedOn = started, Months = months, MonthlyWageFen = wageFen,
            Destination = kind == "transferred-out" ? "江苏省苏州市" : string.Empty, DestinationScope = kind == "transferred-out" ? "out-of-province" : string.Empty,
        };
        var first = await IndustryFixture.StreamAsync(
            Employment().ImportEmployment(),
            Job("factory", "transferred-out", "苏州某电子厂", 9, 420_000),
            Job("post", "public-welfare-post", "保洁员", 4, 60_000),
            Job("post-2", "public-welfare-post", "护路员", 3, 60_000));
        Assert.Equal((3, 2, 1), (first.Received, first.Created, first.Rejected));
        Assert.Equal(("post", "months"), (first.Rejections[0].ClientRef, first.Rejections[0].Field));

        var corrected = await IndustryFixture.StreamAsync(Employment().ImportEmployment(), Job("factory", "transferred-out", "苏州 某电子厂", 8, 420_000), Job("post-2", "public-welfare-post", "护路员", 3, 60_000));
        Assert.Equal((1, 1, 0), (corrected.Corrected, corrected.Unchanged, corrected.Rejected));
        var factory = await fixture.QueryAsync(db => db.Employment.SingleAsync(r => r.HouseholdId == household.HouseholdId && r.Kind == Industry.Domain.EmploymentKind.TransferredOut));
        Assert.Equal(8, factory.Months);
        var wages = await fixture.IncomeOfAsync(factory.Id.ToString(), count: 2);
        Assert.Equal([37_800m, 33_600m], wages.Select(w => w.Amount));
        Assert.All(wages, w => Assert.Equal((IncomeKind.Wage, true, 2020), (w.Kind, w.CountsTowardExit, w.Year)));
    }

    [Theory]
    [InlineData(PlatformRoles.TownshipOfficer)]
    [InlineData(PlatformRoles.VillageCadre)]
    [InlineData(PlatformRoles.Auditor)]
    [InlineData("education-department")]
    public async Task Township_and_village_staff_auditors_and_other_departments_may_not_send_feeds(string caller)
    {
        var token = caller switch
        {
            PlatformRoles.TownshipOfficer => TestTokens.ForRole(caller, township: "420325001"),
            PlatformRoles.VillageCadre => TestTokens.ForRole(caller, village: Registry.VillageCode),
            "education-department" => TestTokens.ForRole(PlatformRoles.DepartmentOfficer, pillar: "education"),
            _ => TestTokens.ForRole(caller),
        };
        var before = await fixture.RecordCountAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => IndustryFixture.StreamAsync(Agriculture(token).ImportEntities(), Cooperative(NewCode("E"))));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var employment = await Assert.ThrowsAsync<RpcException>(() => IndustryFixture.StreamAsync(Employment(token).ImportEmployment(), new EmploymentRecord()));
        Assert.Equal(StatusCode.PermissionDenied, employment.StatusCode);
        Assert.Equal(before, await fixture.RecordCountAsync());
    }

    [Fact]
    public async Task The_county_office_may_send_feeds_too()
    {
        var summary = await IndustryFixture.StreamAsync(Agriculture(TestTokens.CountyOffice()).ImportEntities(), Cooperative(NewCode("E")));
        Assert.Equal(1, summary.Created);
    }
}
