;;; The accounts every system has, and what new home directories receive.

(define-module (gnu system shadow)
  #:use-module (gnu system accounts)
  #:use-module (gnu services)
  #:re-export (user-account
               user-account?
               user-account-name
               user-account-password
               user-account-uid
               user-account-group
               user-account-supplementary-groups
               user-account-comment
               user-account-home-directory
               user-account-create-home-directory?
               user-account-shell
               user-account-system?
               user-group
               user-group?
               user-group-name
               user-group-password
               user-group-id
               user-group-system?
               default-shell)
  #:export (account-service-type
            %base-groups
            %base-user-accounts
            default-skeletons
            skeleton-directory
            %default-bashrc
            %default-bash-profile))

(define %base-groups
  ;; System groups; tty's id matches the gid= option of /dev/pts.
  (let-syntax ((system-group
                (syntax-rules ()
                  ((_ args ...)
                   (user-group (system? #t) args ...)))))
    (list (system-group (name "root") (id 0))
          (system-group (name "wheel"))
          (system-group (name "users"))
          (system-group (name "nogroup"))
          (system-group (name "tty") (id 996))
          (system-group (name "dialout"))
          (system-group (name "kmem"))
          (system-group (name "input"))
          (system-group (name "video"))
          (system-group (name "audio"))
          (system-group (name "netdev"))
          (system-group (name "lp"))
          (system-group (name "disk"))
          (system-group (name "floppy"))
          (system-group (name "cdrom"))
          (system-group (name "tape"))
          (system-group (name "kvm"))
          (system-group (name "sgx")))))

(define %base-user-accounts
  ;; Only 'nobody'; root is added by the system when no account has uid 0.
  (list (user-account
          (name "nobody")
          (uid 65534)
          (group "nogroup")
          (shell "/run/current-system/profile/sbin/nologin")
          (home-directory "/nonexistent")
          (create-home-directory? #f)
          (system? #t))))

(define %default-bashrc
  "# Bash initialization for interactive non-login shells.
[ -n \"$PS1\" ] || return
PS1='\\u@\\h \\w$ '
alias ls='ls -p --color=auto'
")

(define %default-bash-profile
  "# Honor per-interactive-shell startup file.
if [ -f ~/.bashrc ]; then . ~/.bashrc; fi
")

(define (default-skeletons)
  "Return the files copied into new home directories, as (NAME CONTENT)."
  `((".bash_profile" ,%default-bash-profile)
    (".bashrc" ,%default-bashrc)))

(define (skeleton-directory skeletons)
  "Return SKELETONS, a list of (NAME CONTENT), as the /etc/skel entries."
  skeletons)

(define account-service-type
  ;; Its value is the list of accounts and groups of the system; /etc/passwd,
  ;; /etc/group and /etc/shadow are written from it.
  (service-type
    (name 'account)
    (extensions
     (list (service-extension activation-service-type
                              (lambda (accounts) '((accounts))))
           (service-extension etc-service-type
                              (lambda (accounts)
                                (list (list "passwd" accounts))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "User accounts and groups.")))
