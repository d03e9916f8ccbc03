/** The users of the course's running example, with their passwords stored as PBKDF2 hashes only. */
export interface User {
  id: string
  name: string
  email: string
  role: 'member' | 'admin'
  passwordHash: string
}

const users: User[] = [
  {
    id: 'u1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    role: 'admin',
    // "correct horse battery staple"
    passwordHash:
      'pbkdf2-sha512$210000$pbq3XN5EDM6s78qlpjVFEg==$K+EWdCtzEYayPw3cyDW4S5B4x7VYS7aueDYIBE8aJcE=',
  },
  {
    id: 'u2',
    name: 'Grace Hopper',
    email: 'grace@example.com',
    role: 'member',
    // "hunter2-but-longer"
    passwordHash:
      'pbkdf2-sha512$210000$MkiPEPg51ngdG2kE18DhyA==$QYU/JRC5GrR/tpF/Se3zbj+Fp6kEwZ+45cY3dKhwwE8=',
  },
]

export function findUserByEmail(email: string): User | undefined {
  return users.find((u) => u.email === email.trim().toLowerCase())
}
