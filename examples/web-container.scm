;;; A container with a service of its own: a small web server, run by the
;;; Python of the host distribution, imported into the store as a package.
;;; It serves one page on 127.0.0.1:8080 inside the container.
;;;
;;;   oscdsl container --run examples/web-container.scm
;;;   oscdsl container exec PID -- python3 -c \
;;;     "import urllib.request as u; print(u.urlopen('http://127.0.0.1:8080').read())"

(use-modules (gnu)
             (gnu services shepherd))
(use-package-modules python)

(define %page "Hello from a system container built by oscdsl!\n")

(define web-service
  (simple-service
   'web shepherd-root-service-type
   (list (shepherd-service
          (documentation "Serve /srv/www over HTTP on 127.0.0.1:8080.")
          (provision '(web))
          (requirement '(loopback))
          (start #~(make-forkexec-constructor
                    (list "/bin/sh" "-c"
                          (string-append
                           "mkdir -p /srv/www && printf '%s' '" #$%page
                           "' > /srv/www/index.html && exec "
                           #$(file-append python "/bin/python3")
                           " -m http.server 8080 --bind 127.0.0.1"
                           " --directory /srv/www"))
                    #:log-file "/var/log/web.log"))
          (stop #~(make-kill-destructor))))))

(operating-system
  (host-name "web")
  (timezone "Etc/UTC")
  (bootloader (bootloader-configuration
               (bootloader grub-bootloader)
               (targets '("/dev/null"))))
  (file-systems %base-file-systems)
  (users (cons (user-account
                (name "alice")
                (comment "Web author")
                (group "users")
                (supplementary-groups '("wheel")))
               %base-user-accounts))
  (packages (cons python %base-packages))
  (services (cons web-service %base-services)))
