/**
 * Made-up minutes of Loamshire Borough Council printing recorded votes in two layouts the
 * Kent minutes don't use: a table of names (one row per member) and a paragraph
 * ("For: … Against: …"), plus a show of hands and a tie settled by the chair's casting vote.
 */
export const TABLE_MINUTES = `
Loamshire Borough Council

Planning Committee

Minutes of a meeting of the Planning Committee held on Tuesday, 14th January, 2025 at 7.00 pm.

Present: Cllr Alice Fenwick (Chair), Cllr Bashir Okafor, Cllr Carys Dunmore, Cllr Derek Pym, Cllr Erin Wragge

1. Apologies for Absence

None.

2. Land at Oak Farm, Little Bramley

Cllr Okafor moved and Cllr Dunmore seconded that permission be refused. A recorded vote was requested. The Chair put the motion to the vote and the voting was as follows:

| Member | Vote |
|---|---|
| Cllr Alice Fenwick | Against |
| Cllr Bashir Okafor | For |
| Cllr Carys Dunmore | For |
| Cllr Derek Pym | For |
| Cllr Erin Wragge | Abstain |

The motion was carried.

RESOLVED that permission be refused.

3. Tree Preservation Order 4/24

The Chair put the recommendation to confirm the order to the vote: For 3, Against 1, Abstentions 1. The recommendation was carried.

RESOLVED that the order be confirmed.
`;

export const PARAGRAPH_MINUTES = `
Loamshire Borough Council

Licensing Committee

Minutes of a meeting of the Licensing Committee held on Thursday, 6th February, 2025 at 10.00 am.

Present: Councillors Gwen Hartley (Chair), Ivor Jessop, Kiran Lal, Mona Neale

7. Street Trading Policy

Councillor Jessop proposed an amendment to delete paragraph 4. The Chair put the amendment to the vote.

For: Councillors Jessop and Lal. Against: Councillors Hartley and Neale. Abstained: none. The votes being equal, the amendment was lost on the Chair's casting vote.

8. Fees and Charges 2025/26

The Chair put the recommendations to the vote. For (3): Cllr Hartley, Cllr Lal and Cllr Neale; Against (1): Cllr Jessop. The recommendations were carried.

RESOLVED that the fees be approved.
`;
