using System.Globalization;
using Platform.Contracts;
using Platform.Contracts.Grpc.Welfare.V1;

namespace Platform.DemoCounty;

/// <summary>
/// The demo county's social-security data, derived deterministically from its households' records: every member
/// insured this year; each household's verified income this year (low for households that cannot work their way
/// out, so that the 低保 and 特困 the pillar finds are plausible in number), enrolment of every household that meets
/// the conditions (应保尽保); a chronic-disease certificate for every chronically or seriously ill member and a
/// disability assessment for every disabled one (as the registry has them, so nothing changes there); in-county
/// hospital stays of poor patients sized so that the layers and the 985 top-up bring them to 90% without large
/// expenses; this year's poverty-protection payouts for illness, schooling and disaster.
/// </summary>
public sealed class DemoWelfare
{
    /// <summary>The pillar's 低保 and 特困 standards of the year (its configuration, asked at load time).</summary>
    public sealed record Standards(decimal MinimumLivingAnnual, decimal ExtremePovertyAnnual);

    public const string Insurer = "中国人寿保险股份有限公司房县支公司";

    private static readonly string[] ChronicDiseases = ["高血压", "2型糖尿病", "慢性阻塞性肺疾病", "冠心病", "类风湿性关节炎", "慢性肾病", "脑卒中后遗症", "帕金森病"];

    private static readonly string[] SeriousDiseases = ["恶性肿瘤", "尿毒症透析", "重性精神病", "白血病", "耐多药肺结核", "终末期肾病"];

    private static readonly string[] DisabilityKinds = ["physical", "physical", "physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"];

    private static readonly string[] Hospitals = ["房县人民医院", "房县中医医院", "房县妇幼保健院"];

    private readonly IReadOnlyList<DemoHousehold> households;

    /// <param name="today">The county's date (China Standard Time): the year of insurance, income and claims.</param>
    public DemoWelfare(DemoCountyGenerator generator, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(generator);
        households = generator.Households().ToList();
        Today = today;
    }

    public DateOnly Today { get; }

    public int Year => Today.Year;

    public IReadOnlyList<DemoHousehold> Households => households;

    public int PeopleCount => households.Sum(h => h.Members.Count);

    /// <summary>资助参保: every member, this year, in both insurances.</summary>
    public IEnumerable<InsuranceEnrolmentRecord> InsuranceEnrolments() =>
        from h in households
        from m in h.Members
        select new InsuranceEnrolmentRecord { ClientRef = m.IdNumber[^6..], IdNumber = m.IdNumber, Name = m.Name, Year = Year, CriticalIllness = true };

    /// <summary>
    /// Whether a household's verified income this year is low (under the 低保 standard per person): almost always
    /// when nobody in it can work, often when illness or disability took its work, sometimes otherwise.
    /// </summary>
    public bool IsLowIncome(DemoHousehold household)
    {
        ArgumentNullException.ThrowIfNull(household);
        var working = household.Members.Count(m => m.LabourAbility is Vocabulary.LabourNormal);
        var weak = household.Members.Count(m => m.LabourAbility is Vocabulary.LabourWeak);
        var share = (working, weak) switch
        {
            (0, 0) when household.Members.Count == 1 => 0.30,
            (0, 0) => 0.85,
            (0, _) => 0.45,
            (1, _) when household.MainCause is "illness" or "disability" => 0.35,
            _ => 0.07,
        };
        return Pick(household.HouseholdNumber, 1000) < share * 1000;
    }

    /// <summary>家庭经济状况核对: each household's verified annual net income this year — under the 低保 standard per person when low, above the 特困 standard otherwise.</summary>
    public IEnumerable<MeansCheckRecord> MeansChecks(Standards standards)
    {
        ArgumentNullException.ThrowIfNull(standards);
        foreach (var h in households)
        {
            var pick = Pick(h.HouseholdNumber + "income", 1000) / 1000m;
            var perPerson = IsLowIncome(h)
                ? standards.MinimumLivingAnnual * (0.30m + (0.55m * pick))
                : standards.ExtremePovertyAnnual * (1.10m + (1.40m * pick));
            yield return new MeansCheckRecord
            {
                ClientRef = h.ClientRef, IdNumber = h.Head.IdNumber, Name = h.Head.Name, Year = Year,
                VerifiedIncome = Math.Round(perPerson * h.Members.Count, 2).ToString("0.00", CultureInfo.InvariantCulture),
                CheckedOn = WireText.Date(new DateOnly(Year, Math.Min(3, Today.Month), 15)), Note = "年度核查",
            };
        }
    }

    /// <summary>低保/特困审核确认 for every low-income household: the pillar's means test decides the category and the amount.</summary>
    public IEnumerable<AssistanceEnrolmentRecord> Enrolments() =>
        households.Where(IsLowIncome).Select(h => new AssistanceEnrolmentRecord { ClientRef = h.ClientRef, IdNumber = h.Head.IdNumber, Name = h.Head.Name, Year = Year, Note = "应保尽保" });

    /// <summary>慢病认定: a certificate for every chronically or seriously ill member.</summary>
    public IEnumerable<ChronicCertificateRecord> Certificates() =>
        from h in households
        from m in h.Members
        where m.Health is Vocabulary.Chronic or Vocabulary.Serious
        let serious = m.Health == Vocabulary.Serious
        let diseases = serious ? SeriousDiseases : ChronicDiseases
        select new ChronicCertificateRecord
        {
            ClientRef = m.IdNumber[^6..], IdNumber = m.IdNumber, Name = m.Name, Disease = diseases[Pick(m.IdNumber, diseases.Length)], Serious = serious,
            CertificateNumber = MemberNumber("MB", h, m), Issuer = "房县卫生健康局",
            IssuedOn = WireText.Date(new DateOnly(2017 + Pick(m.IdNumber + "issued", 4), 4, 20)),
        };

    /// <summary>
    /// A document number unique in the county for one member: the prefix, the household number and the member's place in
    /// it (part of an ID number would repeat: two people born on the same day with the same sequence number).
    /// </summary>
    private static string MemberNumber(string prefix, DemoHousehold household, DemoMember member)
    {
        var position = 0;
        while (!ReferenceEquals(household.Members[position], member))
        {
            position++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{household.HouseholdNumber}{position:00}");
    }

    /// <summary>残疾人评定: every disabled member, at the grade the registry has.</summary>
    public IEnumerable<DisabilityAssessmentRecord> Disabilities() =>
        from h in households
        from m in h.Members
        where m.Health == Vocabulary.Disabled && m.DisabilityGrade is not null
        select new DisabilityAssessmentRecord
        {
            ClientRef = m.IdNumber[^6..], IdNumber = m.IdNumber, Name = m.Name, Kind = DisabilityKinds[Pick(m.IdNumber, DisabilityKinds.Length)], Grade = m.DisabilityGrade!.Value,
            AssessedOn = WireText.Date(new DateOnly(2016 + Pick(m.IdNumber + "assessed", 4), 9, 1)), Assessor = "房县残疾人联合会",
        };

    /// <summary>
    /// This year's in-county stays: every seriously ill member, one chronically ill member in four; the within-policy
    /// costs 3,000–40,000 yuan (where the layers leave more than 10% and the 985 policy tops up to 90%), at most 2%
    /// outside the policy, so nobody pays more than the monitoring threshold. Every demo household is registered poor.
    /// </summary>
    public IEnumerable<ClaimRecord> Claims()
    {
        var days = Math.Max(1, Today.DayOfYear - 2);
        foreach (var h in households)
        {
            foreach (var m in h.Members.Where(m => m.Health == Vocabulary.Serious || (m.Health == Vocabulary.Chronic && Pick(m.IdNumber + "stay", 4) == 0)))
            {
                var serious = m.Health == Vocabulary.Serious;
                var within = serious ? 15_000m + (Pick(m.IdNumber + "cost", 25) * 1_000m) : 3_000m + (Pick(m.IdNumber + "cost", 12) * 1_000m);
                var outside = Math.Round(within * (Pick(m.IdNumber + "outside", 3) / 100m), 2);
                var discharged = new DateOnly(Year, 1, 1).AddDays(Pick(m.IdNumber + "day", days));
                yield return new ClaimRecord
                {
                    ClientRef = m.IdNumber[^6..], IdNumber = m.IdNumber, Name = m.Name, SettlementNumber = MemberNumber(string.Create(CultureInfo.InvariantCulture, $"JS{Year}"), h, m),
                    Kind = "inpatient", InCounty = true, Hospital = Hospitals[Pick(m.IdNumber, Hospitals.Length)], Diagnosis = serious ? "重大疾病住院治疗" : "慢性病急性发作",
                    AdmittedOn = WireText.Date(discharged.AddDays(-(5 + Pick(m.IdNumber + "stay-days", 15)))),
                    DischargedOn = WireText.Date(discharged),
                    TotalCost = (within + outside).ToString("0.00", CultureInfo.InvariantCulture), WithinPolicyCost = within.ToString("0.00", CultureInfo.InvariantCulture),
                };
            }
        }
    }

    /// <summary>扶贫保险理赔 this year: illness for one household in two with a seriously ill member, schooling for one household with a student in twenty, disaster for one household in 150.</summary>
    public IEnumerable<ProtectionPayoutRecord> Payouts()
    {
        var days = Math.Max(1, Today.DayOfYear - 2);
        foreach (var h in households)
        {
            var incurred = WireText.Date(new DateOnly(Year, 1, 1).AddDays(Pick(h.HouseholdNumber + "loss", days)));
            if (h.Members.FirstOrDefault(m => m.Health == Vocabulary.Serious) is { } patient && Pick(h.HouseholdNumber + "claim", 2) == 0)
            {
                yield return Payout(h, patient, "illness", 2_000m + (Pick(patient.IdNumber + "payout", 7) * 1_000m), incurred, "I");
            }

            if (h.Members.FirstOrDefault(m => Vocabulary.IsInSchool(m.SchoolingStatus)) is { } student && Pick(h.HouseholdNumber + "school", 20) == 0)
            {
                yield return Payout(h, student, "schooling", 1_000m + (Pick(h.HouseholdNumber + "fee", 3) * 500m), incurred, "S");
            }

            if (Pick(h.HouseholdNumber + "disaster", 150) == 0)
            {
                yield return Payout(h, h.Head, "disaster", 3_000m + (Pick(h.HouseholdNumber + "loss-amount", 13) * 1_000m), incurred, "D");
            }
        }
    }

    private ProtectionPayoutRecord Payout(DemoHousehold h, DemoMember m, string cause, decimal amount, string incurredOn, string kind) => new()
    {
        ClientRef = h.ClientRef + kind, IdNumber = m.IdNumber, Name = m.Name, Cause = cause, Amount = amount.ToString("0.00", CultureInfo.InvariantCulture), IncurredOn = incurredOn,
        ClaimNumber = string.Create(CultureInfo.InvariantCulture, $"PA{Year}{kind}{h.HouseholdNumber[^10..]}"),
    };

    private static int Pick(string key, int range) => Math.Abs(key.GetHashCodeStable() % 1_000_003) % range;
}
