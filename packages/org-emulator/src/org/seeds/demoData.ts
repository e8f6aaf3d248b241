/**
 * Business records of the demo orgs: accounts with contacts, opportunities, cases and projects, invoices with lines,
 * products and the standard price book, a lead, a campaign, a task, the custom setting's org default and custom
 * metadata records. Enough for queries, relationships, master-detail and recycle-bin behaviour to show.
 */
import type { SeedWriter } from './seedWriter';

const ACCOUNTS: ReadonlyArray<{ name: string; industry: string; tier: string; city: string; phone: string }> = [
  { name: 'Initech', industry: 'Technology', tier: 'Gold', city: 'Austin', phone: '(512) 555-0100' },
  {
    name: 'Umbrella Corporation',
    industry: 'Chemicals',
    tier: 'Silver',
    city: 'Raccoon City',
    phone: '(555) 555-0101',
  },
  { name: 'Stark Industries', industry: 'Manufacturing', tier: 'Gold', city: 'Malibu', phone: '(310) 555-0102' },
  { name: 'Wayne Enterprises', industry: 'Banking', tier: 'Bronze', city: 'Gotham', phone: '(212) 555-0103' },
  { name: 'Hooli', industry: 'Technology', tier: 'Silver', city: 'Palo Alto', phone: '(650) 555-0104' },
];

const FIRST_NAMES = ['Peter', 'Samir', 'Alice', 'Pepper', 'Lucius', 'Gavin', 'Michael', 'Joanna', 'Bruce', 'Jian'];
const LAST_NAMES = ['Gibbons', 'Nagheenanajar', 'Wesker', 'Potts', 'Fox', 'Belson', 'Bolton', 'Chen', 'Banner', 'Yang'];

/** Seeds the business records; `ownerId` owns them all. */
export function seedBusinessData(w: SeedWriter, ownerId: string, options: { accounts: number }): void {
  const product = w.insert('Product2', {
    Name: 'Backup Appliance',
    ProductCode: 'BA-100',
    IsActive: true,
    Family: 'Hardware',
  });
  w.insert('Product2', { Name: 'Archive Service', ProductCode: 'AS-200', IsActive: true, Family: 'Services' });
  w.insert('Pricebook2', { Name: 'Standard Price Book', IsActive: true, IsStandard: true, Description: null });
  const campaign = w.insert('Campaign', {
    Name: 'Data Resilience Summit',
    Type: 'Conference',
    Status: 'Planned',
    IsActive: true,
    OwnerId: ownerId,
  });
  ACCOUNTS.slice(0, options.accounts).forEach((a, i) => {
    const account = w.insert('Account', {
      Name: a.name,
      Industry: a.industry,
      Customer_Tier__c: a.tier,
      BillingCity: a.city,
      Phone: a.phone,
      Type: 'Customer - Direct',
      NumberOfEmployees: 1000 * (i + 1),
      OwnerId: ownerId,
    });
    const contacts = [0, 1].map((j) => {
      const first = FIRST_NAMES[(i * 2 + j) % FIRST_NAMES.length] ?? 'Pat';
      const last = LAST_NAMES[(i * 2 + j) % LAST_NAMES.length] ?? 'Doe';
      return w.insert('Contact', {
        AccountId: account.Id,
        FirstName: first,
        LastName: last,
        Name: `${first} ${last}`,
        Email: `${first.toLowerCase()}.${last.toLowerCase()}@${a.name.split(' ')[0]?.toLowerCase() ?? 'example'}.example`,
        Title: j === 0 ? 'CIO' : 'IT Manager',
        OwnerId: ownerId,
      });
    });
    w.insert('Opportunity', {
      AccountId: account.Id,
      Name: `${a.name} - Archive rollout`,
      StageName: i % 2 === 0 ? 'Proposal' : 'Closed Won',
      CloseDate: `2026-0${(i % 9) + 1}-15`,
      Amount: 25000 * (i + 1),
      Probability: i % 2 === 0 ? 60 : 100,
      IsClosed: i % 2 !== 0,
      IsWon: i % 2 !== 0,
      CampaignId: campaign.Id,
      OwnerId: ownerId,
    });
    w.insert('Case', {
      CaseNumber: String(1001 + i).padStart(8, '0'),
      AccountId: account.Id,
      ContactId: contacts[0]?.Id ?? null,
      Subject: `Restore request ${i + 1}`,
      Status: 'New',
      Priority: 'Medium',
      Origin: 'Web',
      IsClosed: false,
      OwnerId: ownerId,
    });
    const project = w.insert('Project__c', {
      Name: `${a.name} archive`,
      Account__c: account.Id,
      Status__c: 'Active',
      Budget__c: 50000 + 10000 * i,
      Start_Date__c: '2026-01-05',
      Code__c: `PRJ-${String(i + 1).padStart(3, '0')}`,
      Project_Number__c: String(i + 1).padStart(8, '0'),
      Is_Strategic__c: i === 0,
      Secret_Notes__c: 'Renewal is at risk.',
      OwnerId: ownerId,
    });
    const invoice = w.insert('Invoice__c', {
      Name: String(i + 1).padStart(8, '0'),
      Project__c: project.Id,
      Account__c: account.Id,
      Amount__c: 12000 + 500 * i,
      Status__c: 'Sent',
      Paid__c: false,
      External_Ref__c: `INV-${2026}-${i + 1}`,
      OwnerId: ownerId,
    });
    w.insert('Invoice_Line__c', {
      Name: String(2 * i + 1).padStart(8, '0'),
      Invoice__c: invoice.Id,
      Product__c: product.Id,
      Quantity__c: 2,
      Unit_Price__c: 6000,
    });
    w.insert('Invoice_Line__c', {
      Name: String(2 * i + 2).padStart(8, '0'),
      Invoice__c: invoice.Id,
      Quantity__c: 1,
      Unit_Price__c: 500 * i,
    });
    w.insert('Task', {
      Subject: `Call ${a.name}`,
      WhatId: account.Id,
      WhoId: contacts[0]?.Id ?? null,
      Status: 'Not Started',
      Priority: 'Normal',
      IsClosed: false,
      OwnerId: ownerId,
    });
  });
  w.insert('Lead', {
    FirstName: 'Dana',
    LastName: 'Scully',
    Name: 'Dana Scully',
    Company: 'Lone Gunmen',
    Status: 'Open - Not Contacted',
    OwnerId: ownerId,
  });
  w.insert('Acme_Settings__c', {
    Name: 'Org default',
    SetupOwnerId: null,
    Region_Code__c: 'NA',
    Support_Email__c: 'support@acme.example',
  });
  w.insert('Region__mdt', {
    DeveloperName: 'North_America',
    MasterLabel: 'North America',
    Label: 'North America',
    QualifiedApiName: 'North_America',
    Language: 'en_US',
    Code__c: 'NA',
    Timezone__c: 'America/Chicago',
  });
  w.insert('Region__mdt', {
    DeveloperName: 'Europe',
    MasterLabel: 'Europe',
    Label: 'Europe',
    QualifiedApiName: 'Europe',
    Language: 'en_US',
    Code__c: 'EU',
    Timezone__c: 'Europe/Berlin',
  });
}
