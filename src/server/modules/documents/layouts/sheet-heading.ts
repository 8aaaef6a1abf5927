/** The heading lines above a sheet's table: the title, then the organisation and fiscal year. */
export const sheetHeading = (title: string, org: string, year: number) => [
  title,
  `${org} ประจำปีงบประมาณ พ.ศ. ${year}`,
];
